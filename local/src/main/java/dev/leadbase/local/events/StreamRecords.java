package dev.leadbase.local.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.leadbase.local.template.Resolver;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Converts SDK v2 stream records to the Lambda events library types, and to the JSON shape filters see. */
final class StreamRecords {
    private StreamRecords() {
    }

    static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion() == null ? "1.1" : record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(Resolver.REGION);
        out.setEventSourceARN(streamArn);
        var source = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setKeys(images(source.keys(), source.hasKeys()));
        stream.setNewImage(images(source.newImage(), source.hasNewImage()));
        stream.setOldImage(images(source.oldImage(), source.hasOldImage()));
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(source.streamViewTypeAsString()));
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        out.setDynamodb(stream);
        return out;
    }

    private static Map<String, AttributeValue> images(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image, boolean present) {
        if (!present) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        image.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    static AttributeValue convert(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue out = new AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                v.m().forEach((k, x) -> m.put(k, convert(x)));
                out.setM(m);
            }
            case L -> out.setL(v.l().stream().map(StreamRecords::convert).toList());
            case NUL -> out.setNULL(true);
            case BOOL -> out.setBOOL(v.bool());
            default -> throw new IllegalArgumentException("Unknown attribute type " + v);
        }
        return out;
    }

    /** The record as event filtering sees it: attribute values in their typed form, {"S": "x"}. */
    static Map<String, Object> filterView(Record record) {
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        var source = record.dynamodb();
        if (source.hasKeys()) {
            dynamodb.put("Keys", typedImage(source.keys()));
        }
        if (source.hasNewImage()) {
            dynamodb.put("NewImage", typedImage(source.newImage()));
        }
        if (source.hasOldImage()) {
            dynamodb.put("OldImage", typedImage(source.oldImage()));
        }
        dynamodb.put("SequenceNumber", source.sequenceNumber());
        dynamodb.put("StreamViewType", source.streamViewTypeAsString());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("eventID", record.eventID());
        view.put("eventName", record.eventNameAsString());
        view.put("eventSource", "aws:dynamodb");
        view.put("awsRegion", Resolver.REGION);
        view.put("dynamodb", dynamodb);
        return view;
    }

    private static Map<String, Object> typedImage(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        Map<String, Object> out = new LinkedHashMap<>();
        image.forEach((k, v) -> out.put(k, typed(v)));
        return out;
    }

    private static Object typed(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        return switch (v.type()) {
            case S -> Map.of("S", v.s());
            case N -> Map.of("N", v.n());
            case B -> Map.of("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case SS -> Map.of("SS", v.ss());
            case NS -> Map.of("NS", v.ns());
            case BS -> Map.of("BS", v.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList());
            case M -> Map.of("M", typedImage(v.m()));
            case L -> {
                List<Object> list = new ArrayList<>();
                v.l().forEach(x -> list.add(typed(x)));
                yield Map.of("L", list);
            }
            case NUL -> Map.of("NULL", true);
            case BOOL -> Map.of("BOOL", v.bool());
            default -> Map.of();
        };
    }
}
