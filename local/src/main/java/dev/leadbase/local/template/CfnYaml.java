package dev.leadbase.local.template;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Loads CloudFormation YAML, turning short tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}...) into {@link Intrinsic}s. */
final class CfnYaml {
    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        Object root = new Yaml(new CfnConstructor(options)).load(reader);
        return root == null ? Map.of() : (Map<String, Object>) root;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Construct(this::ref));
            yamlConstructors.put(new Tag("!GetAtt"), new Construct(this::getAtt));
            yamlConstructors.put(new Tag("!Sub"), new Construct(this::sub));
            yamlConstructors.put(new Tag("!Join"), new Construct(this::join));
            yamlMultiConstructors.put("!", new Construct(node ->
                    new Intrinsic.Other("Fn::" + node.getTag().getValue().substring(1), plain(node))));
        }

        private Object ref(Node node) {
            return new Intrinsic.Ref(String.valueOf(plain(node)));
        }

        private Object getAtt(Node node) {
            Object value = plain(node);
            if (value instanceof List<?> list) {
                return new Intrinsic.GetAtt(String.valueOf(list.get(0)), String.valueOf(list.get(1)));
            }
            String text = String.valueOf(value);
            int dot = text.indexOf('.');
            return new Intrinsic.GetAtt(text.substring(0, dot), text.substring(dot + 1));
        }

        @SuppressWarnings("unchecked")
        private Object sub(Node node) {
            Object value = plain(node);
            if (value instanceof List<?> list) {
                Map<String, Object> vars = list.size() > 1 && list.get(1) instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                return new Intrinsic.Sub(String.valueOf(list.get(0)), vars);
            }
            return new Intrinsic.Sub(String.valueOf(value), Map.of());
        }

        @SuppressWarnings("unchecked")
        private Object join(Node node) {
            List<Object> list = (List<Object>) plain(node);
            Object parts = list.get(1);
            return new Intrinsic.Join(String.valueOf(list.get(0)),
                    parts instanceof List<?> l ? (List<Object>) l : List.of(parts));
        }

        private Object plain(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> out = new ArrayList<>();
                for (Node child : sequence.getValue()) {
                    out.add(constructObject(child));
                }
                return out;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (var tuple : ((MappingNode) node).getValue()) {
                out.put(constructObject(tuple.getKeyNode()), constructObject(tuple.getValueNode()));
            }
            return out;
        }

        private static final class Construct extends AbstractConstruct {
            private final java.util.function.Function<Node, Object> body;

            Construct(java.util.function.Function<Node, Object> body) {
                this.body = body;
            }

            @Override
            public Object construct(Node node) {
                return body.apply(node);
            }
        }
    }
}
