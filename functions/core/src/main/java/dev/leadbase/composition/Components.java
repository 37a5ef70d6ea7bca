package dev.leadbase.composition;

import dev.leadbase.access.app.Authenticator;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.store.DynamoApiKeyRepository;
import dev.leadbase.shared.config.AwsClients;
import dev.leadbase.shared.config.Config;
import dev.leadbase.shared.config.SecretConfig;
import dev.leadbase.shared.dynamo.Tables;
import dev.leadbase.shared.http.HttpApi;
import dev.leadbase.shared.idempotency.DynamoIdempotencyStore;
import dev.leadbase.shared.idempotency.Idempotency;
import dev.leadbase.shared.paging.CursorSigner;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What every handler of one function shares: its configuration, its SDK clients, its clock and the pieces every
 * route uses (the HTTP doorway, the authenticator, the cursor signer, idempotency). A handler builds one from the
 * environment; the local runtime, the benchmarks and the tests build one from a function's variables and their own
 * clients. Each piece is built on first use and once, so a function builds only what its routes need.
 */
public final class Components {
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final int DEFAULT_KEY_CACHE_TTL_SECONDS = 30;

    private final Config config;
    private final Clock clock;
    private final SecretConfig secrets;
    private DynamoDbClient dynamo;
    private SqsClient sqs;
    private HttpApi httpApi;
    private Authenticator authenticator;
    private CursorSigner cursorSigner;
    private Idempotency idempotency;

    private Components(Config config, DynamoDbClient dynamo, SqsClient sqs, Clock clock) {
        this.config = config;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.clock = clock;
        this.secrets = new SecretConfig(config);
    }

    /** A Lambda function's: the process environment, clients built from it when first needed, the system clock. */
    public static Components fromEnvironment() {
        return new Components(Config.fromProcess(), null, null, Clock.systemUTC());
    }

    /** Over given clients (DynamoDB Local, ElasticMQ, a metering or recording client). */
    public static Components of(Config config, DynamoDbClient dynamo,
                                SqsClient sqs, Clock clock) {
        return new Components(config, dynamo, sqs, clock);
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public SecretConfig secrets() {
        return secrets;
    }

    public synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = AwsClients.dynamo(config);
        }
        return dynamo;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = AwsClients.sqs(config);
        }
        return sqs;
    }

    public synchronized HttpApi httpApi() {
        if (httpApi == null) {
            httpApi = new HttpApi(authenticator(), clock, config.integer("LEADBASE_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
                    this::idempotency);
        }
        return httpApi;
    }

    public synchronized Authenticator authenticator() {
        if (authenticator == null) {
            authenticator = new Authenticator(new DynamoApiKeyRepository(dynamo(), Tables.API_KEYS.in(config)), clock,
                    Duration.ofSeconds(config.integer("LEADBASE_KEY_CACHE_TTL_SECONDS", DEFAULT_KEY_CACHE_TTL_SECONDS)),
                    config.optional("LEADBASE_BOOTSTRAP_KEY_SHA256")
                            .or(() -> config.optional("LEADBASE_BOOTSTRAP_KEY").map(KeyHasher::sha256)));
        }
        return authenticator;
    }

    /** Signs paging cursors: LEADBASE_CURSOR_SECRET locally; on AWS the secret named by LEADBASE_CURSOR_SECRET_ARN. */
    public synchronized CursorSigner cursorSigner() {
        if (cursorSigner == null) {
            cursorSigner = new CursorSigner(secrets.required("LEADBASE_CURSOR_SECRET"));
        }
        return cursorSigner;
    }

    /** Stores the first answer of each Idempotency-Key; needs IDEMPOTENCY_TABLE. */
    public synchronized Idempotency idempotency() {
        if (idempotency == null) {
            idempotency = new Idempotency(new DynamoIdempotencyStore(dynamo(), Tables.IDEMPOTENCY.in(config)), clock);
        }
        return idempotency;
    }
}
