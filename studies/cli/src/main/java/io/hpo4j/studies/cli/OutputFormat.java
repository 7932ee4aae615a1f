package io.hpo4j.studies.cli;

/** How query commands print: an aligned table for people, CSV or JSON for programs. */
public enum OutputFormat {
    TABLE,
    CSV,
    JSON
}
