package dev.reminderstore.db;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Queues the writer (on SQLite) and then runs the method in a transaction; see {@link WriteTransaction}. */
@WriteTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteTransactionInterceptor {

    @Inject
    WriteQueue writeQueue;

    @AroundInvoke
    Object inTransaction(InvocationContext context) throws Exception {
        return writeQueue.serialize(() -> QuarkusTransaction.joiningExisting().call(context::proceed));
    }
}
