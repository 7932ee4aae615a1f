/**
 * Pictures of studies: PNG learning curves drawn with XChart
 * ({@link io.hpo4j.studies.report.CurvePlots}) and the self-contained HTML report
 * ({@link io.hpo4j.studies.report.HtmlReport}) whose charts are inline SVG written here, with no
 * script and no external resource, so that it opens offline. Both take what the queries read
 * ({@link io.hpo4j.studies.query.StudySnapshot}) and the analyses ({@code io.hpo4j.studies.analysis});
 * nothing here touches the database.
 */
package io.hpo4j.studies.report;
