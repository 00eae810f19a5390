package dev.reminderstore.db;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that writes: it runs in a transaction (joining one already open), and on SQLite only one such
 * transaction runs at a time in this process.
 *
 * <p>SQLite has a single writer. A transaction that reads and then writes gets SQLITE_BUSY at once when another
 * writer got there first, whatever the busy timeout; queueing writers in-process and beginning their
 * transactions IMMEDIATE means nobody sees "database is locked". Methods that only read carry no annotation and
 * run outside a transaction, so reads never wait for the write lock.
 */
@InterceptorBinding
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface WriteTransaction {
}
