package dev.leadbase.shared.dynamo;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Images of DynamoDB stream records, as the Lambda events library hands them, in the SDK's item type. */
public final class StreamImages {
    private StreamImages() {
    }

    /** The image as an SDK item; null stays null (no such image in the record). */
    public static Map<String, AttributeValue> item(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        image.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        } else if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        } else if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        } else if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        } else if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        } else if (v.getM() != null) {
            return AttributeValue.fromM(item(v.getM()));
        } else if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(StreamImages::value).toList());
        } else if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        return AttributeValue.fromNul(true);
    }
}
