package io.hpo4j.studies.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of query commands (a picocli mixin). */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class,
            description = "Output format: table, csv or json (default: ${DEFAULT-VALUE})")
    OutputFormat format = OutputFormat.TABLE;

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : OutputFormat.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected one of table, csv, json, but got '" + value + "'");
        }
    }
}
