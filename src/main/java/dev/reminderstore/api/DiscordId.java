package dev.reminderstore.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Discord snowflake: a positive 64-bit integer, written in JSON as a string (numbers are accepted too and
 * arrive here as their text). Null is left to {@code @NotNull}.
 */
@Constraint(validatedBy = DiscordId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DiscordId {

    String message() default "must be a Discord id: a whole number from 1 to 9223372036854775807";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DiscordId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Ids.isValid(value);
        }
    }
}
