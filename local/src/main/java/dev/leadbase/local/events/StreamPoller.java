package dev.leadbase.local.events;

import dev.leadbase.local.Pause;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream event source mapping: follows every shard (including new ones), filters records with
 * FilterCriteria and hands them in order, in batches of up to BatchSize, to {@link StreamDelivery}. With a {@link StreamCheckpoint} it resumes after the last record handled in each shard, as Lambda's event source
 * mapping does, and reads from the shard's start when it has no position for it.
 */
public final class StreamPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamPoller.class.getName());
    private static final long POLL_MILLIS = 200;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Template.StreamEvent source;
    private final LocalFunction function;
    private final StreamDelivery delivery;
    private final StreamCheckpoint checkpoint;
    private final EventFilter filter;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final Map<String, String> lastSequence = new LinkedHashMap<>();
    private final Thread thread;
    private final AtomicLong quietRounds = new AtomicLong();
    private volatile boolean running = true;

    /** {@code onFailure} takes the failure record of a batch given up on, as Lambda's OnFailure destination would. */
    public StreamPoller(DynamoDbStreamsClient streams, String streamArn, Template.StreamEvent source,
                        LocalFunction function, Consumer<String> onFailure) {
        this(streams, streamArn, source, function, onFailure, null);
    }

    /** {@code checkpoint} keeps the position in each shard across restarts (null: none, as in memory). */
    public StreamPoller(DynamoDbStreamsClient streams, String streamArn, Template.StreamEvent source,
                        LocalFunction function, Consumer<String> onFailure, StreamCheckpoint checkpoint) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.source = source;
        this.function = function;
        this.delivery = new StreamDelivery(function, source, streamArn, onFailure, () -> running);
        this.checkpoint = checkpoint;
        this.filter = new EventFilter(source.filterPatterns());
        Map<String, String> saved = checkpoint == null ? null : checkpoint.load(streamArn);
        if (saved == null) {
            // shards open at start-up begin where StartingPosition says; shards found later begin at their start
            discoverShards(ShardIteratorType.fromValue(source.startingPosition()));
            if (checkpoint != null) {
                // from now on a restart resumes here, even if it comes before the first record
                checkpoint.save(streamArn, lastSequence);
            }
        } else {
            // after the last record handled; a shard without a position (born later, or empty) from its start
            lastSequence.putAll(saved);
            discoverShards(ShardIteratorType.TRIM_HORIZON);
        }
        this.thread = Thread.ofPlatform().daemon().name("stream-" + function.name() + "-" + source.name()).start(this::run);
    }

    private void run() {
        while (running) {
            try {
                discoverShards(ShardIteratorType.TRIM_HORIZON);
                int delivered = 0;
                for (String shardId : List.copyOf(iterators.keySet())) {
                    delivered += pollShard(shardId);
                }
                if (delivered == 0) {
                    quietRounds.incrementAndGet();
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Stream poller for " + function.name() + " failed; retrying", e);
                }
            }
            Pause.sleep(POLL_MILLIS);
        }
    }

    private void discoverShards(ShardIteratorType type) {
        List<Shard> shards = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards();
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (iterators.containsKey(id) || finishedShards.contains(id)) {
                continue;
            }
            String iterator = lastSequence.containsKey(id) ? resume(id)
                    : streams.getShardIterator(r -> r.streamArn(streamArn).shardId(id).shardIteratorType(type))
                    .shardIterator();
            iterators.put(id, iterator);
        }
    }

    /** After the shard's saved position, or from its start when that position is gone (trimmed). */
    private String resume(String shardId) {
        try {
            return reacquire(shardId);
        } catch (software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException
                 | software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            LOG.warning(function.name() + ": the saved position in shard " + shardId
                    + " is gone; reading the shard from its start");
            lastSequence.remove(shardId);
            return reacquire(shardId);
        }
    }

    /** How many polling rounds found nothing to deliver: one more after a moment means the stream is drained. */
    public long quietRounds() {
        return quietRounds.get();
    }

    /** Delivers what the shard holds past its iterator; returns how many records were delivered. */
    private int pollShard(String shardId) {
        String iterator = iterators.get(shardId);
        List<Record> records = new ArrayList<>();
        int reacquired = 0;
        while (iterator != null) {
            String current = iterator;
            software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse response;
            try {
                response = streams.getRecords(r -> r.shardIterator(current).limit(1000));
            } catch (software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException
                     | software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException e) {
                // DynamoDB Local invalidates idle iterators: resume after the last record seen
                if (++reacquired > 3) {
                    throw e;
                }
                iterator = reacquire(shardId);
                continue;
            }
            records.addAll(response.records());
            if (!response.records().isEmpty()) {
                lastSequence.put(shardId, response.records().get(response.records().size() - 1).dynamodb().sequenceNumber());
            }
            iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                break;
            }
        }
        List<Record> accepted = records.stream().filter(r -> filter.accepts(StreamRecords.filterView(r))).toList();
        for (int i = 0; i < accepted.size(); i += source.batchSize()) {
            delivery.deliver(shardId, accepted.subList(i, Math.min(accepted.size(), i + source.batchSize())));
        }
        if (checkpoint != null && !records.isEmpty() && running) {
            // every record read is now handled (delivered, given up on, or filtered out)
            checkpoint.save(streamArn, lastSequence);
        }
        if (iterator == null) {
            iterators.remove(shardId);
            finishedShards.add(shardId);
        } else {
            iterators.put(shardId, iterator);
        }
        return accepted.size();
    }

    private String reacquire(String shardId) {
        String after = lastSequence.get(shardId);
        return streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    /** The event Lambda hands a stream consumer for {@code batch}: what this poller delivers. */
    public static DynamodbEvent toEvent(List<Record> batch, String streamArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch.stream().map(r -> StreamRecords.toLambda(r, streamArn)).toList());
        return event;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
