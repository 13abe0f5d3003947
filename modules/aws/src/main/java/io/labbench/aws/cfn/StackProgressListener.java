package io.labbench.aws.cfn;

import java.time.Duration;

/** Receives a stack operation's progress; called on the polling thread. */
public interface StackProgressListener {

    void onEvent(StackEvent event);

    /**
     * @param completed resources finished so far, out of {@code total} in the template (the progress bar)
     */
    void onProgress(String stackStatus, int completed, int total, Duration elapsed);
}
