package dev.leadbase.enrichment.app;

import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.ChangeType;
import dev.leadbase.changes.domain.SourceRecord;
import dev.leadbase.enrichment.domain.EnrichmentJob;
import dev.leadbase.enrichment.domain.JobImages;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Publishes {@code enrichment.completed} when a change of a job header finishes the job: every lead settled and
 * written back (its status then completed, partial or failed, never to change again). The job is shown by
 * {@code view}, the summary of {@code GET /api/v2/enrich/{jobId}}. Its event concerns no one lead: it carries no lead
 * and no owner.
 *
 * @param <I> the form a change's images arrive in (a stream record's)
 */
public final class PublishJobCompletions<I> {
    private final JobImages<I> images;
    private final Function<EnrichmentJob, Map<String, Object>> view;
    private final ChangeSink sink;

    public PublishJobCompletions(JobImages<I> images, Function<EnrichmentJob, Map<String, Object>> view,
                                 ChangeSink sink) {
        this.images = images;
        this.view = view;
        this.sink = sink;
    }

    /** Publishes the event of one change; answers it, or null when the change did not finish a job. */
    public ChangeEvent follow(SourceRecord record, I before, I after) {
        EnrichmentJob now = images.job(after);
        if (now == null || now.completedAt() == null) {
            return null;
        }
        EnrichmentJob was = images.job(before);
        if (was != null && was.completedAt() != null) {
            return null;
        }
        ChangeEvent event = new ChangeEvent(now.tenantId(), record.eventId(ChangeType.ENRICHMENT_COMPLETED.wire()),
                ChangeType.ENRICHMENT_COMPLETED, now.completedAt(), now.jobId(), null, null, 0, view.apply(now));
        sink.publish(List.of(event));
        return event;
    }
}
