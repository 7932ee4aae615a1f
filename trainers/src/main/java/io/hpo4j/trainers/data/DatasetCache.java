package io.hpo4j.trainers.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Loads each dataset once per cache and hands the same immutable instance to every caller, so
 * that trials running in parallel share one copy of the data and never reload it.
 *
 * <pre>{@code
 * TrainValidation data = DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(8_000, 2_000)));
 * }</pre>
 *
 * <p>Thread-safe: when several threads ask for the same key at once, one loads and the others
 * wait for its result. A load that fails is not cached (the next call tries again) and its
 * {@link IOException} is rethrown to every waiting caller. {@link #prepare(DataSpec)} keeps only
 * the prepared parts (scaled, and raw when a scaling changed them, plus the raw test part), not
 * the full source they were cut from (a 60,000-image source would
 * otherwise stay in memory next to its 15,000-image split); {@link #load(DataSource)} keeps the
 * full source.
 */
public final class DatasetCache {

    private static final DatasetCache SHARED = new DatasetCache();

    private final ConcurrentMap<DataSource, CompletableFuture<LabeledDataset>> sources = new ConcurrentHashMap<>();
    private final ConcurrentMap<DataSpec, CompletableFuture<PreparedData>> specs = new ConcurrentHashMap<>();

    /** A new, empty cache (tests; tools that want to release memory by dropping it). */
    public DatasetCache() {
    }

    /** The process-wide cache. */
    public static DatasetCache shared() {
        return SHARED;
    }

    /** The whole dataset of {@code source}, loaded on first use. */
    public LabeledDataset load(DataSource source) throws IOException {
        return memo(sources, source, source::load);
    }

    /** The (scaled) training and validation data of {@code spec}, prepared on first use. */
    public TrainValidation prepare(DataSpec spec) throws IOException {
        return prepared(spec).scaled();
    }

    /** Everything {@code spec} prepares (scaled parts, their scaling, raw parts and the test part), on first use. */
    public PreparedData prepared(DataSpec spec) throws IOException {
        return memo(specs, spec, () -> spec.prepare(DataSource::load));
    }

    /** How many sources and specs are cached. */
    public int size() {
        return sources.size() + specs.size();
    }

    /** Forgets everything (instances already handed out stay valid). */
    public void clear() {
        sources.clear();
        specs.clear();
    }

    private static <K, V> V memo(ConcurrentMap<K, CompletableFuture<V>> map, K key, Loader<V> loader) throws IOException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = map.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(loader.load());
            } catch (IOException | RuntimeException | Error e) {
                map.remove(key, mine);
                mine.completeExceptionally(e);
            }
        }
        CompletableFuture<V> future = existing != null ? existing : mine;
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + key + " to load", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException uio) {
                throw uio.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("could not load " + key, cause);
        }
    }

    @FunctionalInterface
    private interface Loader<V> {
        V load() throws IOException;
    }
}
