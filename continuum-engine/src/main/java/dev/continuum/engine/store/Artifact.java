package dev.continuum.engine.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One uploaded artifact of a run.
 *
 * @param id      the artifact's number in the run, from 1 (the {@code artifact-id} output)
 * @param name    its name, unique in the run
 * @param size    the size of its zip archive in bytes, as GitHub reports it
 * @param files   how many files it holds
 * @param digest  the SHA-256 of the zip archive, 64 hex digits (the {@code artifact-digest} output)
 * @param created when it was uploaded
 * @param expires when GitHub would delete it (created + retention days); a local run keeps it
 * @param zip     the archive on disk
 */
public record Artifact(long id, String name, long size, long files, String digest, Instant created, Instant expires,
                       Path zip) {
}
