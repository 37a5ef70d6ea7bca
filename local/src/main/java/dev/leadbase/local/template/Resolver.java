package dev.leadbase.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves intrinsics against the local stack: tables by logical id, queues by local URL, fixed region/account. */
public final class Resolver {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Template template;
    private final Map<String, String> parameterOverrides;
    private final UnaryOperator<String> queueUrls;
    private final UnaryOperator<String> streamArns;

    /**
     * @param queueUrls  queue logical id → local queue URL
     * @param streamArns table logical id → latest stream ARN (or null)
     */
    public Resolver(Template template, Map<String, String> parameterOverrides,
                    UnaryOperator<String> queueUrls, UnaryOperator<String> streamArns) {
        this.template = template;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        this.queueUrls = queueUrls;
        this.streamArns = streamArns;
    }

    public static String queueArn(String queueName) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName;
    }

    public static String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + tableName;
    }

    /** Resolves every intrinsic inside {@code value}, keeping maps and lists. */
    public Object resolve(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return resolveIntrinsic(intrinsic);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                var entry = map.entrySet().iterator().next();
                Intrinsic longForm = longForm(String.valueOf(entry.getKey()), entry.getValue());
                if (longForm != null) {
                    return resolveIntrinsic(longForm);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(resolve(v)));
            return out;
        }
        return value;
    }

    public String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    /** Resolves a map of environment variables to strings, dropping {@code AWS::NoValue}. */
    public Map<String, String> resolveVariables(Map<String, Object> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            String resolved = resolveString(value);
            if (resolved != null) {
                out.put(name, resolved);
            }
        });
        return out;
    }

    private Object resolveIntrinsic(Intrinsic intrinsic) {
        return switch (intrinsic) {
            case Intrinsic.Ref ref -> ref(ref.name());
            case Intrinsic.GetAtt getAtt -> getAtt(getAtt.resource(), getAtt.attribute());
            case Intrinsic.Sub sub -> sub(sub.text(), sub.variables());
            case Intrinsic.Join join -> {
                List<String> parts = new ArrayList<>();
                for (Object part : join.parts()) {
                    Object resolved = resolve(part);
                    if (resolved instanceof List<?> nested) {
                        nested.forEach(n -> parts.add(String.valueOf(n)));
                    } else if (resolved != null) {
                        parts.add(String.valueOf(resolved));
                    }
                }
                yield String.join(join.delimiter(), parts);
            }
            case Intrinsic.Other other -> resolve(other.argument());
        };
    }

    private static Intrinsic longForm(String key, Object value) {
        return switch (key) {
            case "Ref" -> new Intrinsic.Ref(String.valueOf(value));
            case "Fn::GetAtt" -> value instanceof List<?> l
                    ? new Intrinsic.GetAtt(String.valueOf(l.get(0)), String.valueOf(l.get(1)))
                    : new Intrinsic.GetAtt(String.valueOf(value).split("\\.", 2)[0], String.valueOf(value).split("\\.", 2)[1]);
            case "Fn::Sub" -> value instanceof List<?> l
                    ? new Intrinsic.Sub(String.valueOf(l.get(0)), Template.map(l.size() > 1 ? l.get(1) : null))
                    : new Intrinsic.Sub(String.valueOf(value), Map.of());
            case "Fn::Join" -> new Intrinsic.Join(String.valueOf(((List<?>) value).get(0)),
                    Template.list(((List<?>) value).get(1)));
            default -> null;
        };
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::StackName":
                return "leadbase-local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return null;
            default:
                break;
        }
        if (template.parameters().containsKey(name)) {
            return parameterOverrides.containsKey(name)
                    ? parameterOverrides.get(name)
                    : template.parameters().get(name).defaultValue();
        }
        if (template.queues().containsKey(name)) {
            return queueUrls.apply(name);
        }
        // tables, functions, APIs and anything else: their local name is the logical id
        return name;
    }

    private Object getAtt(String resource, String attribute) {
        if (template.queues().containsKey(resource)) {
            String name = template.queues().get(resource).queueName();
            return switch (attribute) {
                case "Arn" -> queueArn(name);
                case "QueueName" -> name;
                case "QueueUrl" -> queueUrls.apply(resource);
                default -> throw unsupported(resource, attribute);
            };
        }
        if (template.tables().containsKey(resource)) {
            return switch (attribute) {
                case "Arn" -> tableArn(resource);
                case "StreamArn" -> streamArns.apply(resource);
                default -> throw unsupported(resource, attribute);
            };
        }
        if (template.functions().containsKey(resource) && attribute.equals("Arn")) {
            return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + resource;
        }
        return "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + resource + "/" + attribute;
    }

    private String sub(String text, Map<String, Object> variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value;
            if (variables.containsKey(name)) {
                value = resolve(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAtt(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
        }
        matcher.appendTail(out);
        // ${!Literal} escapes to ${Literal}
        return out.toString().replace("${!", "${");
    }

    private static IllegalArgumentException unsupported(String resource, String attribute) {
        return new IllegalArgumentException("Unsupported !GetAtt " + resource + "." + attribute);
    }
}
