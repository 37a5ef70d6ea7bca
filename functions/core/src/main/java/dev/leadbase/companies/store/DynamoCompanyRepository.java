package dev.leadbase.companies.store;

import dev.leadbase.shared.dynamo.IndexTable;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.Transactions;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;
import dev.leadbase.companies.domain.DuplicateCompany;
import dev.leadbase.leads.domain.TextKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Companies table (PK tenantId, SK companyId, GSI ByName in name order). The domain uniqueness item
 * and the company counter live in the LeadIndex table and change in the same transaction.
 */
public record DynamoCompanyRepository(DynamoDbClient dynamo, String table, String index) implements CompanyRepository {
    private static final String COMPANIES_COUNTER = "companies";

    /** The item that keeps a domain unique within a tenant. */
    private static Map<String, AttributeValue> domainKey(String tenantId, String domain) {
        return Map.of(IndexTable.PK, s(tenantId + "#domain#" + domain), IndexTable.SK, s("company"));
    }

    public static final String TENANT_ID = "tenantId";
    public static final String COMPANY_ID = "companyId";
    public static final String NAME_KEY = "nameKey";
    public static final String BY_NAME = "ByName";

    private static Map<String, AttributeValue> key(String tenantId, String companyId) {
        return Map.of(TENANT_ID, s(tenantId), COMPANY_ID, s(companyId));
    }

    static String nameKey(Company c) {
        return TextKeys.fold(c.name()) + "#" + c.id();
    }

    @Override
    public void create(Company c) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.tenantId(), c.id()));
        put(item, "name", c.name());
        put(item, "domain", c.domain());
        put(item, "website", c.website());
        put(item, "industry", c.industry());
        put(item, "size", c.size());
        put(item, "description", c.description());
        item.put("createdAt", s(IndexTable.time(c.createdAt())));
        item.put("updatedAt", s(IndexTable.time(c.updatedAt())));
        item.put(NAME_KEY, s(nameKey(c)));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", COMPANY_ID))).build());
        if (c.domain() != null) {
            Map<String, AttributeValue> unique = new HashMap<>(domainKey(c.tenantId(), c.domain()));
            unique.put(COMPANY_ID, s(c.id()));
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(index).item(unique)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", IndexTable.PK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(index)
                .key(IndexTable.counterKey(c.tenantId(), COMPANIES_COUNTER))
                .updateExpression("ADD #n :one").expressionAttributeNames(Map.of("#n", IndexTable.COUNT))
                .expressionAttributeValues(Map.of(":one", Items.n(1)))).build());
        try {
            // every create of the tenant updates its counter item: concurrent creates conflict and are retried
            Transactions.write(dynamo, writes);
        } catch (TransactionCanceledException e) {
            if (c.domain() != null && Transactions.failedCondition(e, 1)) {
                String existing = Transactions.itemAt(e, 1).map(found -> Items.str(found, COMPANY_ID))
                        .orElseGet(() -> findByDomain(c.tenantId(), c.domain()).map(Company::id).orElse("unknown"));
                throw new DuplicateCompany(existing);
            }
            throw e;
        }
    }

    @Override
    public Optional<Company> find(String tenantId, String companyId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(tenantId, companyId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(company(item));
    }

    @Override
    public Optional<Company> findByDomain(String tenantId, String domain) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(index).key(domainKey(tenantId, domain))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return find(tenantId, Items.str(item, COMPANY_ID));
    }

    @Override
    public Map<String, Company> findByDomains(String tenantId, Collection<String> domains) {
        Map<Map<String, AttributeValue>, String> domainByKey = new HashMap<>();
        domains.forEach(d -> domainByKey.put(domainKey(tenantId, d), d));
        Map<String, String> idByDomain = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, index, domainByKey.keySet(), true)) {
            String domain = domainByKey.get(Map.of(IndexTable.PK, item.get(IndexTable.PK), IndexTable.SK, item.get(IndexTable.SK)));
            idByDomain.put(domain, Items.str(item, COMPANY_ID));
        }
        Map<String, Company> byId = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, table, idByDomain.values().stream()
                .map(id -> key(tenantId, id)).toList(), true)) {
            Company company = company(item);
            byId.put(company.id(), company);
        }
        Map<String, Company> found = new HashMap<>();
        idByDomain.forEach((domain, id) -> {
            if (byId.containsKey(id)) {
                found.put(domain, byId.get(id));
            }
        });
        return found;
    }

    @Override
    public CompanyPage list(String tenantId, long skip, int limit, After after) {
        Map<String, AttributeValue> start = after == null ? null
                : Map.of(TENANT_ID, s(tenantId), COMPANY_ID, s(after.companyId()), NAME_KEY, s(after.nameKey()));
        Pages pages = Pages.resuming(dynamo, q -> q.tableName(table).indexName(BY_NAME).keyConditionExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", TENANT_ID, "#id", COMPANY_ID, "#nk", NAME_KEY))
                .expressionAttributeValues(Map.of(":t", s(tenantId))).projectionExpression("#t, #id, #nk"), start);
        while (skip > 0 && pages.hasNext()) {
            skip -= pages.next((int) Math.min(skip, 1000)).count();
        }
        pages = pages.then(q -> q.tableName(table).indexName(BY_NAME).keyConditionExpression("#t = :t")
                .expressionAttributeNames(Map.of("#t", TENANT_ID)).expressionAttributeValues(Map.of(":t", s(tenantId))));
        List<Company> companies = new ArrayList<>();
        After last = null;
        while (pages.hasNext() && companies.size() < limit) {
            for (Map<String, AttributeValue> item : pages.next(limit - companies.size()).items()) {
                companies.add(company(item));
                last = new After(Items.str(item, NAME_KEY), Items.str(item, COMPANY_ID));
            }
        }
        Map<String, AttributeValue> counter = dynamo.getItem(r -> r.tableName(index)
                .key(IndexTable.counterKey(tenantId, COMPANIES_COUNTER)).consistentRead(true)).item();
        long total = counter == null ? 0 : Items.num(counter, IndexTable.COUNT);
        return new CompanyPage(companies, total, companies.size() == limit ? last : null);
    }

    static Company company(Map<String, AttributeValue> item) {
        return new Company(Items.str(item, TENANT_ID), Items.str(item, COMPANY_ID), Items.str(item, "name"),
                Items.str(item, "domain"), Items.str(item, "website"), Items.str(item, "industry"),
                Items.str(item, "size"), Items.str(item, "description"), Items.time(item, "createdAt"),
                Items.time(item, "updatedAt"));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
