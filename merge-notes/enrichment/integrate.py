import os, shutil, sys
root = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
core = root + '/functions/core/src/main/java/dev/leadbase/core'
shutil.copy(HERE + '/DynamoEnrichedLeadStore.java', core + '/dynamo/')
shutil.copy(HERE + '/RepositoryCompanyDirectory.java', core + '/enrichment/')
shutil.copy(HERE + '/EnrichmentWriteBackTest.java', root + '/tests/src/test/java/dev/leadbase/it/enrichment/')

def edit(path, old, new, count=1):
    p = root + '/' + path
    s = open(p).read()
    if old not in s:
        raise SystemExit('not found in ' + path + ': ' + old[:80])
    s = s.replace(old, new, count)
    open(p, 'w').write(s)

w = 'functions/core/src/main/java/dev/leadbase/core/wiring/Wiring.java'
edit(w, '''    /** The leads enrichment reads and writes back to (adapted to the leads repository at merge). */
    public static LeadStore enrichmentLeadStore() {
        return LeadStore.none();
    }

    public static CompanyDirectory companyDirectory() {
        return CompanyDirectory.empty();
    }''', '''    /** The leads enrichment reads and writes back to; none when the function is given no leads table. */
    public static LeadStore enrichmentLeadStore() {
        return Env.optional("LEADS_TABLE").<LeadStore>map(t -> new DynamoEnrichedLeadStore(leadRepository(),
                AwsClients.dynamo(), t)).orElse(LeadStore.none());
    }

    /** The tenant's companies (the leads issue's directory); empty when the function is given no companies table. */
    public static CompanyDirectory companyDirectory() {
        return Env.optional("COMPANIES_TABLE").<CompanyDirectory>map(t -> new RepositoryCompanyDirectory(companyRepository()))
                .orElse(CompanyDirectory.empty());
    }''')
edit(w, 'import dev.leadbase.core.enrichment.CompanyDirectory;', 'import dev.leadbase.core.dynamo.DynamoEnrichedLeadStore;\nimport dev.leadbase.core.enrichment.CompanyDirectory;\nimport dev.leadbase.core.enrichment.RepositoryCompanyDirectory;')

h = 'functions/enrichment/src/main/java/dev/leadbase/enrichment/SubmitEnrichmentHandler.java'
edit(h, '''    private final SubmitEnrichment submit;

    public SubmitEnrichmentHandler() {
        this(Wiring.httpApi(), Wiring.submitEnrichment());
    }

    public SubmitEnrichmentHandler(HttpApi api, SubmitEnrichment submit) {
        this.api = api;
        this.submit = submit;
    }''', '''    private final SubmitEnrichment submit;
    private final Idempotency idempotency;

    public SubmitEnrichmentHandler() {
        this(Wiring.httpApi(), Wiring.submitEnrichment(), Wiring.idempotency());
    }

    public SubmitEnrichmentHandler(HttpApi api, SubmitEnrichment submit, Idempotency idempotency) {
        this.api = api;
        this.submit = submit;
        this.idempotency = idempotency;
    }''')
edit(h, '''        return api.handle(event, context, Permission.LEADS_ENRICH, "lead enrichment", request -> {
            var enrichment = EnrichmentRequestParser.parse(request.jsonBody());
            var submitted = submit.submit(request.principal().tenantId(), enrichment);
            return new ApiResult(202, submitted.toView(), java.util.Map.of("Location", submitted.statusUrl()));
        });''', '''        return api.handle(event, context, Permission.LEADS_ENRICH, "lead enrichment", request ->
                idempotency.run(request, () -> {
                    var enrichment = EnrichmentRequestParser.parse(request.jsonBody());
                    var submitted = submit.submit(request.principal().tenantId(), enrichment);
                    return new ApiResult(202, submitted.toView(), Map.of("Location", submitted.statusUrl()));
                }));''')
edit(h, 'import dev.leadbase.core.http.HttpApi;', 'import dev.leadbase.core.http.HttpApi;\nimport dev.leadbase.core.idempotency.Idempotency;')
edit(h, 'import dev.leadbase.core.wiring.Wiring;', 'import dev.leadbase.core.wiring.Wiring;\nimport java.util.Map;')

t = 'template.yaml'
edit(t, '''          ENRICHMENT_JOBS_TABLE: !Ref EnrichmentJobsTable
          ENRICHMENT_QUEUE_URL: !Ref EnrichmentQueue
      Policies:
        - DynamoDBReadPolicy: {TableName: !Ref ApiKeysTable}
        - SQSSendMessagePolicy: {QueueName: !GetAtt EnrichmentQueue.QueueName}''', '''          ENRICHMENT_JOBS_TABLE: !Ref EnrichmentJobsTable
          ENRICHMENT_QUEUE_URL: !Ref EnrichmentQueue
          LEADS_TABLE: !Ref LeadsTable
          LEAD_INDEX_TABLE: !Ref LeadIndexTable
          IDEMPOTENCY_TABLE: !Ref IdempotencyTable
      Policies:
        - DynamoDBReadPolicy: {TableName: !Ref ApiKeysTable}
        - DynamoDBReadPolicy: {TableName: !Ref LeadsTable}
        - DynamoDBCrudPolicy: {TableName: !Ref IdempotencyTable}
        - SQSSendMessagePolicy: {QueueName: !GetAtt EnrichmentQueue.QueueName}''')
edit(t, '''          ENRICHMENT_PROVIDER_TIMEOUT_MS: !Ref EnrichmentProviderTimeoutMs
      Policies:''', '''          ENRICHMENT_PROVIDER_TIMEOUT_MS: !Ref EnrichmentProviderTimeoutMs
          LEADS_TABLE: !Ref LeadsTable
          LEAD_INDEX_TABLE: !Ref LeadIndexTable
          COMPANIES_TABLE: !Ref CompaniesTable
      Policies:
        # write-back goes through the leads repository, which keeps the index table in step
        - DynamoDBCrudPolicy: {TableName: !Ref LeadsTable}
        - DynamoDBCrudPolicy: {TableName: !Ref LeadIndexTable}
        - DynamoDBReadPolicy: {TableName: !Ref CompaniesTable}''')

# openapi
o = root + '/openapi.yaml'
if os.path.exists(o):
    s = open(o).read()
    s = s.replace('  /api/v2/api-keys:\n', open(HERE + '/openapi-paths.yaml').read() + '  /api/v2/api-keys:\n', 1)
    s = s.replace('    CreditBalance:\n', open(HERE + '/openapi-schemas.yaml').read() + '    CreditBalance:\n', 1)
    s = s.replace('  responses:\n    ValidationError:\n', '  responses:\n' + open(HERE + '/openapi-responses.yaml').read() + '    ValidationError:\n', 1)
    s = s.replace('  - name: API keys\n', '  - name: Enrichment\n  - name: API keys\n', 1)
    open(o, 'w').write(s)

# idempotency test into EnrichmentApiTest
a = 'tests/src/test/java/dev/leadbase/it/enrichment/EnrichmentApiTest.java'
edit(a, '''    @Test
    void insufficientCredits''', open(HERE + '/idem-test-snippet.java').read() + '''
    @Test
    void insufficientCredits''')
print('integrated')
c = 'tests/src/test/java/dev/leadbase/it/contract/OpenApiContractTest.java'
if os.path.exists(root + '/' + c):
    edit(c, '''        Set<String> documented = new TreeSet<>();''', open(HERE + '/contract-snippet.java').read() + '''        Set<String> documented = new TreeSet<>();''')
    print('contract test extended')
