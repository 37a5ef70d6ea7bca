package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadInsights;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.leads.domain.StaleLeadVersion;
import dev.leadbase.leads.edge.LeadForm;
import dev.leadbase.leads.edge.ListLeadsQuery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;
import dev.leadbase.shared.errors.NotFound;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.http.BodyReader;
import dev.leadbase.shared.http.QueryParams;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of the Leads API: create, read, change, delete, list and batch-create, within the caller's visibility. */
public final class Leads {
    public static final int MAX_BATCH = 100;
    private static final int UNCONDITIONAL_RETRIES = 3;
    private static final String IDENTIFIER_RULE =
            "An identifier is required: email, or linkedinUrl, or firstName + lastName + company";

    private final LeadRepository leads;
    private final CompanyRepository companies;
    private final CursorSigner cursors;
    private final Clock clock;

    /** A page of leads and the cursor of the next one. */
    public record LeadList(LeadPage page, String nextCursor) {
    }

    /** The outcome of one item of a batch: created, duplicate or invalid. */
    public record BatchItem(int index, String status, Lead lead, String existingId, Map<String, Object> errors) {
    }

    public Leads(LeadRepository leads, CompanyRepository companies, CursorSigner cursors, Clock clock) {
        this.leads = leads;
        this.companies = companies;
        this.cursors = cursors;
        this.clock = clock;
    }

    public Lead create(Principal principal, BodyReader body) {
        Lead lead = draft(principal, body);
        body.done();
        try {
            leads.create(lead);
        } catch (DuplicateLead e) {
            throw asSeenBy(principal, e);
        }
        return lead;
    }

    /** Creates each lead on its own; one failure never stops the others. */
    public List<BatchItem> batch(Principal principal, BodyReader body) {
        Optional<JsonNode> items = body.node("leads");
        if (items.isEmpty() || !items.get().isArray() || items.get().isEmpty() || items.get().size() > MAX_BATCH) {
            body.invalid("leads", "Must be an array of 1 to " + MAX_BATCH + " leads");
        }
        body.done();
        List<BatchItem> results = new ArrayList<>();
        int index = 0;
        for (JsonNode node : items.get()) {
            results.add(createOne(principal, index++, node));
        }
        return results;
    }

    private BatchItem createOne(Principal principal, int index, JsonNode node) {
        if (!node.isObject()) {
            return new BatchItem(index, "invalid", null, null, Map.of("lead", "Must be a JSON object"));
        }
        BodyReader body = BodyReader.of(node, "leads[" + index + "]");
        Lead lead = draft(principal, body);
        if (!body.problems().isEmpty()) {
            return new BatchItem(index, "invalid", null, null, Map.copyOf(body.problems()));
        }
        try {
            leads.create(lead);
            return new BatchItem(index, "created", lead, null, null);
        } catch (DuplicateLead e) {
            return new BatchItem(index, "duplicate", null, asSeenBy(principal, e).existingId(), null);
        }
    }

    public Lead get(Principal principal, String id) {
        return visible(principal, id);
    }

    public Lead update(Principal principal, String id, BodyReader body, Optional<Long> ifMatch) {
        LeadForm form = LeadForm.read(body);
        if (form.isEmpty() && body.problems().isEmpty()) {
            body.invalid("body", "Must change at least one writable field");
        }
        if (form.has(LeadForm.STATUS) && form.pick(LeadForm.STATUS, null) == null && !body.problems().containsKey("status")) {
            body.invalid("status", "Must be one of: " + LeadStatus.allWire());
        }
        for (int attempt = 1; ; attempt++) {
            Lead before = visible(principal, id);
            ifMatch.ifPresent(v -> {
                if (v != before.version()) {
                    throw new StaleLeadVersion(v, before.version());
                }
            });
            Lead after = before.with(form, now());
            checkOwner(principal, form, body);
            after = linkCompany(after, form, body);
            if (!after.identifiable()) {
                body.invalid("identifier", IDENTIFIER_RULE);
            }
            if (after.status() == null) {
                body.invalid("status", "Must be one of: " + LeadStatus.allWire());
            }
            if (after.source() == null) {
                body.invalid("source", "Must be one of: " + LeadSource.allWire());
            }
            body.done();
            try {
                leads.update(before, after);
                return after;
            } catch (DuplicateLead e) {
                throw asSeenBy(principal, e);
            } catch (StaleLeadVersion e) {
                if (ifMatch.isPresent() || attempt >= UNCONDITIONAL_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public void delete(Principal principal, String id, Optional<Long> ifMatch) {
        for (int attempt = 1; ; attempt++) {
            Lead lead = visible(principal, id);
            if (ifMatch.isPresent() && ifMatch.get() != lead.version()) {
                throw new StaleLeadVersion(ifMatch.get(), lead.version());
            }
            try {
                leads.delete(lead);
                return;
            } catch (StaleLeadVersion e) {
                if (ifMatch.isPresent() || attempt >= UNCONDITIONAL_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public LeadList list(Principal principal, QueryParams params) {
        ListLeadsQuery query = ListLeadsQuery.parse(principal.tenantId(),
                AccessPolicy.of(principal).ownerScope(), params, clock);
        CursorScope scope = CursorScope.of(PagedRoute.LEADS, principal).filters(query.fingerprint());
        LeadPosition position = query.cursor() == null ? null : LeadPosition.of(cursors.open(scope, query.cursor(),
                query.pagedByOffset() ? LeadPosition.OFFSET : LeadPosition.KEYED));
        if (query.ownerConflict()) {
            return new LeadList(new LeadPage(List.of(), position == null ? query.page() : position.page(),
                    query.limit(), 0, null, new ReadStats("none", 0, 0, 0, 0, true)), null);
        }
        LeadPage page = leads.list(query, position);
        String next = page.hasNextPage()
                ? cursors.sign(scope, page.nextPosition().toPosition()) : null;
        return new LeadList(page, next);
    }

    /** The lead, or 404 when it does not exist in the tenant or the key may not see it. */
    private Lead visible(Principal principal, String id) {
        return AccessPolicy.of(principal).lead(leads.find(principal.tenantId(), id));
    }

    /** The conflict as the caller may see it: an own key is not told the id of another user's lead. */
    private DuplicateLead asSeenBy(Principal principal, DuplicateLead conflict) {
        AccessPolicy access = AccessPolicy.of(principal);
        if (conflict.existingId() == null || access.ownerScope() == null) {
            return conflict;
        }
        return access.conflict(conflict, leads.find(principal.tenantId(), conflict.existingId()));
    }

    private Lead draft(Principal principal, BodyReader body) {
        LeadForm form = LeadForm.read(body);
        Instant now = now();
        Lead lead = new Lead(principal.tenantId(), KeyHasher.newId("lead_"), null, null, null, null, null, null, null,
                null, LeadStatus.NEW, LeadSource.API, null, List.of(), Map.of(), now, now, null, null,
                principal.userId(), null, Map.of(), Map.of(), Map.of(), null, null, null, 0, LeadInsights.NONE).with(form, now);
        if (lead.status() == null) {
            body.invalid("status", "Must be one of: " + LeadStatus.allWire());
        }
        if (lead.source() == null) {
            body.invalid("source", "Must be one of: " + LeadSource.allWire());
        }
        checkOwner(principal, form, body);
        if (lead.ownerId() == null) {
            lead = lead.with(LeadForm.of(Map.of()).with(LeadForm.OWNER_ID, principal.userId()), now);
        }
        lead = linkCompany(lead, form, body);
        if (!lead.identifiable() && !body.problems().containsKey("email") && !body.problems().containsKey("linkedinUrl")) {
            body.invalid("identifier", IDENTIFIER_RULE);
        }
        return withVersion(lead, 1);
    }

    private static void checkOwner(Principal principal, LeadForm form, BodyReader body) {
        String owner = AccessPolicy.of(principal).ownerScope();
        if (owner != null && form.has(LeadForm.OWNER_ID) && !owner.equals(form.pick(LeadForm.OWNER_ID, null))) {
            body.invalid("ownerId", "Keys with visibility own can only assign leads to their own user");
        }
    }

    /** Checks a new companyId exists and, when the lead names no company, takes the company's name. */
    private Lead linkCompany(Lead lead, LeadForm form, BodyReader body) {
        if (!form.has(LeadForm.COMPANY_ID) || lead.companyId() == null) {
            return lead;
        }
        Optional<Company> company = companies.find(lead.tenantId(), lead.companyId());
        if (company.isEmpty()) {
            body.invalid("companyId", "Company not found");
            return lead;
        }
        if (lead.company() == null) {
            return copy(lead, company.get().name());
        }
        return lead;
    }

    private static Lead copy(Lead l, String company) {
        return new Lead(l.tenantId(), l.id(), l.firstName(), l.lastName(), l.email(), l.linkedinUrl(), company, l.title(),
                l.phone(), l.location(), l.status(), l.source(), l.notes(), l.tags(), l.customFields(), l.createdAt(),
                l.updatedAt(), l.lastContactedAt(), l.companyId(), l.ownerId(), l.score(), l.engagementScores(),
                l.profileScores(), l.rulesetNames(), l.level(), l.lastEventAt(), l.lastEventType(), l.version(), l.insights());
    }

    private static Lead withVersion(Lead l, long version) {
        return new Lead(l.tenantId(), l.id(), l.firstName(), l.lastName(), l.email(), l.linkedinUrl(), l.company(),
                l.title(), l.phone(), l.location(), l.status(), l.source(), l.notes(), l.tags(), l.customFields(),
                l.createdAt(), l.updatedAt(), l.lastContactedAt(), l.companyId(), l.ownerId(), l.score(),
                l.engagementScores(), l.profileScores(), l.rulesetNames(), l.level(), l.lastEventAt(),
                l.lastEventType(), version, l.insights());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
