package dev.leadbase.leads.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.leadbase.composition.Components;
import dev.leadbase.composition.LeadsWiring;
import dev.leadbase.leads.app.LeadsUpgrade;
import dev.leadbase.shared.lambda.UseCaseHandler;
import dev.leadbase.shared.logging.JsonLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invoked by an operator (no route, no schedule): copies the leads of the previous storage layout's table
 * ({@code PreviousLeadsTableName}) into today's, for at most {@code maxItems} leads (default
 * {@value UpgradeEvent#DEFAULT_MAX}) or until the invocation has less than {@value UpgradeEvent#MARGIN_MS} ms left,
 * and answers {@code {copied, skipped, cursor, done, totalCopied, totalSkipped, source}}. Invoke it again (with the
 * cursor it returned, or with none) until {@code done}; see the README's "Upgrading from the previous layout".
 */
public final class LeadsUpgradeFunction extends UseCaseHandler<LeadsUpgrade>
        implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public LeadsUpgradeFunction() {
        this(Components.fromEnvironment());
    }

    public LeadsUpgradeFunction(Components components) {
        super(new LeadsWiring(components).leadsUpgrade());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        UpgradeEvent run = UpgradeEvent.of(event);
        LeadsUpgrade.Outcome outcome = useCase.run(run.cursor(), run.maxItems(), UpgradeEvent.timeLeft(context));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("copied", outcome.copied());
        result.put("skipped", outcome.skipped());
        result.put("cursor", outcome.cursor());
        result.put("done", outcome.done());
        result.put("totalCopied", outcome.totalCopied());
        result.put("totalSkipped", outcome.totalSkipped());
        result.put("source", outcome.source());
        JsonLog.info(outcome.done() ? "leads upgrade done" : "leads upgrade step", result);
        return result;
    }
}
