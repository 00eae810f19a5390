package dev.reminderstore.reaction;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * An emoji as Discord sends it: a Unicode emoji (one or a sequence: ZWJ families, skin tones, flags, keycaps)
 * or a custom emoji {@code <:name:id>} / {@code <a:name:id>}. Null is left to {@code @NotNull}.
 */
@Constraint(validatedBy = Emoji.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Emoji {

    String message() default "must be a Unicode emoji or a Discord custom emoji such as <:name:123>";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Emoji, String> {

        private static final Pattern CUSTOM = Pattern.compile("<a?:[A-Za-z0-9_~]{1,32}:[1-9][0-9]{0,18}>");
        private static final int MAX_LENGTH = 64;

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isEmoji(value);
        }

        static boolean isEmoji(String value) {
            if (value.isEmpty() || value.length() > MAX_LENGTH) {
                return false;
            }
            return CUSTOM.matcher(value).matches() || isUnicodeEmoji(value);
        }

        /** Symbols, joined by ZWJ and shaped by modifiers and selectors; no letters, spaces or controls. */
        private static boolean isUnicodeEmoji(String value) {
            boolean hasSymbol = false;
            int[] codePoints = value.codePoints().toArray();
            for (int cp : codePoints) {
                int type = Character.getType(cp);
                // U+FE0F asks for emoji presentation of what precedes it (‼️, ⁉️, 〰️)
                if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.MODIFIER_SYMBOL || cp == 0xFE0F) {
                    hasSymbol = true;
                } else if (!isJoinerOrModifier(cp, type) && !isKeycapBase(cp, codePoints)) {
                    return false;
                }
            }
            return hasSymbol || isKeycap(codePoints);
        }

        private static boolean isJoinerOrModifier(int cp, int type) {
            return cp == 0x200D                                  // zero-width joiner
                    || (cp >= 0xFE00 && cp <= 0xFE0F)            // variation selectors
                    || (cp >= 0xE0020 && cp <= 0xE007F)          // tag characters (subdivision flags)
                    || type == Character.ENCLOSING_MARK          // keycap
                    || type == Character.NON_SPACING_MARK
                    || (type == Character.OTHER_PUNCTUATION || type == Character.DASH_PUNCTUATION) && cp > 0x7F; // ‼ ⁉ 〰
        }

        private static boolean isKeycapBase(int cp, int[] codePoints) {
            return (cp >= '0' && cp <= '9' || cp == '#' || cp == '*') && isKeycap(codePoints);
        }

        private static boolean isKeycap(int[] codePoints) {
            return codePoints.length >= 2 && codePoints[codePoints.length - 1] == 0x20E3;
        }
    }
}
