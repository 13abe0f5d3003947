/**
 * Watches: a command re-run on an endpoint every few seconds through the endpoint's shared
 * {@link io.labbench.sessions.CommandRunner}, its output parsed into a
 * {@link io.labbench.netparse.snapshot.Snapshot}, compared with the previous one and kept in a bounded
 * history. This package holds what a watch is ({@link io.labbench.watch.WatchDefinition}) and the
 * study's ready-made watches ({@link io.labbench.watch.StudyWatches}); sub-packages run them
 * ({@code run}), keep their past ({@code history}), turn it into what a panel shows ({@code panel}),
 * compare nodes and raw text ({@code compare}), export evidence ({@code export}) and remember where
 * panels were ({@code layout}). Plain Java: the JavaFX panels in {@code app} only draw this state.
 */
package io.labbench.watch;
