/**
 * {@code hpo dashboard}: a read-only web view of the studies in a storage that updates while they
 * run, served by the JDK's HTTP server ({@link io.hpo4j.studies.dashboard.DashboardServer}).
 *
 * <p>What belongs here: the server and its access rules (loopback by default; a token when it
 * listens wider), the JSON API the page polls ({@code /api/studies}, {@code /api/studies/NAME},
 * {@code /api/studies/NAME/trials/N}, built by {@link io.hpo4j.studies.dashboard.StudyViews} from
 * the {@link io.hpo4j.tuner.storage.Storage} contract and the analyses of
 * {@code io.hpo4j.studies.analysis}), and the page itself, bundled as resources under
 * {@code io/hpo4j/studies/dashboard/assets}: HTML, CSS and a script that draws its charts as SVG,
 * with nothing loaded from elsewhere. Nothing here writes to the storage.
 */
package io.hpo4j.studies.dashboard;
