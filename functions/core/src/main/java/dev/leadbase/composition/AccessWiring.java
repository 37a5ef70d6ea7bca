package dev.leadbase.composition;

import dev.leadbase.access.app.ApiKeyList;
import dev.leadbase.access.app.ApiKeys;
import dev.leadbase.access.app.Tenants;
import dev.leadbase.access.store.DynamoApiKeyRepository;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.shared.dynamo.Tables;

/** Builds the access slice's use cases (tenants, API keys) over a function's components. */
public final class AccessWiring {
    private final Components components;

    public AccessWiring(Components components) {
        this.components = components;
    }

    public Tenants tenants() {
        return new Tenants(tenantRepository(),
                components.config().integer("LEADBASE_LEAD_SHARDS_DEFAULT", LeadShards.DEFAULT), components.clock());
    }

    public ApiKeys apiKeys() {
        return new ApiKeys(new DynamoApiKeyRepository(components.dynamo(), Tables.API_KEYS.in(components.config())),
                tenantRepository(), components.clock());
    }

    public ApiKeyList apiKeyList() {
        return new ApiKeyList(apiKeys(), components.cursorSigner());
    }

    DynamoTenantRepository tenantRepository() {
        return new DynamoTenantRepository(components.dynamo(), Tables.TENANTS.in(components.config()));
    }
}
