package io.mailseal.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link RuleCheck} as the JSON object of "verify settings" for a sender and a recipient:
 * {@code {"from", "to", "rules":N, "rule":{"number", "text", "reason", "meaning":[...]} | null, "why",
 * "decision":{"kind", "reason"}}}, where {@code text} is the rule with passwords masked and {@code kind} the
 * decision's type ({@code Encrypt}, {@code Withhold}, {@code WebNotice}, ...).
 *
 * <p>Thread-safe and stateless.
 */
public final class RuleCheckJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RuleCheckJson() {
    }

    /**
     * Writes the check.
     *
     * @param check the check
     * @return the JSON text
     */
    public static String write(RuleCheck check) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", check.from().value());
        root.put("to", check.to().value());
        root.put("rules", check.rules());
        if (check.match().isPresent()) {
            ObjectNode rule = root.putObject("rule");
            rule.put("number", check.match().get().number());
            rule.put("text", check.ruleText().orElseThrow());
            rule.put("reason", check.match().get().reason());
            check.meaning().forEach(rule.putArray("meaning")::add);
        } else {
            root.putNull("rule");
        }
        root.put("why", check.why());
        ObjectNode decision = root.putObject("decision");
        decision.put("kind", check.decision().getClass().getSimpleName());
        decision.put("reason", check.decision().reason());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the rule check cannot be written as JSON", e);
        }
    }
}
