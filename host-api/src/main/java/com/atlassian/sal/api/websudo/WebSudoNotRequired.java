package com.atlassian.sal.api.websudo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type, method or package exempt from WebSudo inside a WebSudo-protected scope.
 *
 * <p>Signature: sal-api 5.1.4 (RUNTIME; PACKAGE, METHOD, TYPE; {@code @Inherited}),
 * DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/websudo/WebSudoNotRequired.java}, per
 * confluence-platform.md B.3.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.METHOD, ElementType.TYPE})
@Inherited
public @interface WebSudoNotRequired {
}
