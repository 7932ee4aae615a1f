/** A dependency-free JSON writer and reader for the values hpo4j persists (parameters, attributes, spaces). */
package io.hpo4j.tuner.json;
