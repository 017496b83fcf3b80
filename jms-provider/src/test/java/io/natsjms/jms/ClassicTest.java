package io.natsjms.jms;

import io.natsjms.server.config.StoreType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the classic API that runs once per store kind in {@link #stores()}, each time against a fresh
 * in-process server handed to it as a {@link ClassicServer} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(ClassicServerExtension.class)
@interface ClassicTest {

    /** The stores to run against; both by default. */
    StoreType[] stores() default {StoreType.MEMORY, StoreType.MAPDB};
}
