package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.Direction;

import java.time.Instant;

/**
 * A stored study's identity.
 *
 * @param id        the storage's id
 * @param name      the study's unique name
 * @param direction whether the study minimizes or maximizes
 * @param created   when the study was created
 */
public record StudyRecord(long id, String name, Direction direction, Instant created) {
}
