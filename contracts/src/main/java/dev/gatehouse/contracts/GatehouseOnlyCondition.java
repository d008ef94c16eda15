package dev.gatehouse.contracts;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Optional;

/** Disables {@link GatehouseOnly} tests when the target is not a Gatehouse in this JVM; decided without starting it. */
final class GatehouseOnlyCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<GatehouseOnly> only = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, GatehouseOnly.class));
        if (only.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @GatehouseOnly");
        }
        TargetSettings settings = TargetSettings.from(context::getConfigurationParameter, Optional.empty());
        return settings.kind() == Target.Kind.IN_PROCESS
                ? ConditionEvaluationResult.enabled("the target is Gatehouse in process")
                : ConditionEvaluationResult.disabled("Gatehouse only (target " + settings.target() + "): "
                        + only.get().value());
    }
}
