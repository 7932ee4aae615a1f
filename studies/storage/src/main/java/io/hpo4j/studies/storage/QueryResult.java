package io.hpo4j.studies.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of a read-only query.
 *
 * @param columns   column labels (unquoted upper-case names as lower case: {@code NUMBER} becomes {@code number})
 * @param rows      the rows: numbers, strings, booleans, null, and text for anything else (times, arrays)
 * @param truncated whether the query had more rows than the limit it ran with
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {

    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
