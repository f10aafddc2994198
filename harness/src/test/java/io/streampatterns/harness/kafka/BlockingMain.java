package io.streampatterns.harness.kafka;

import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a broker in {@link ParentWatchdogTest}: prints its arguments, then blocks forever.
 */
public final class BlockingMain {

    private BlockingMain() {
    }

    /**
     * @param args echoed on one line, so the test knows the child is up
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("ready " + String.join(" ", args));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
