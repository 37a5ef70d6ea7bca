package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.LeadsWiring;
import dev.leadbase.leads.app.SearchUpgrade;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.shared.logging.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoked by an operator (no route, no schedule): brings the search entries to today's layout, indexing every lead
 * (phase 1) then deleting the entries of the layout before (phase 2), for at most {@code maxItems} items read
 * (default {@value UpgradeEvent#DEFAULT_MAX}) or until the invocation has less than {@value UpgradeEvent#MARGIN_MS}
 * ms left, and answers {@code {phase, indexed, deleted, cursor, done, totalIndexed, totalDeleted}}. Invoke it again
 * (with the cursor it returned, or with none) until {@code done}; see the README's "Upgrading the search entries".
 */
public final class SearchUpgradeFunction extends UseCaseHandler<SearchUpgrade>
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public SearchUpgradeFunction() {
        this(Components.fromEnvironment());
    }

    public SearchUpgradeFunction(Components components) {
        super(new LeadsWiring(components).searchUpgrade());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        UpgradeEvent run = UpgradeEvent.of(event);
        SearchUpgrade.Outcome outcome = useCase.run(run.cursor(), run.maxItems(), UpgradeEvent.timeLeft(context));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("phase", outcome.phase());
        result.put("indexed", outcome.indexed());
        result.put("deleted", outcome.deleted());
        result.put("cursor", outcome.cursor());
        result.put("done", outcome.done());
        result.put("totalIndexed", outcome.totalIndexed());
        result.put("totalDeleted", outcome.totalDeleted());
        JsonLog.info(outcome.done() ? "search upgrade done" : "search upgrade step", result);
        return result;
    }
}
