/**
 * What the local AWS answers from: {@link io.labbench.localaws.state.LabCloud}, the lab's live state
 * in AWS's terms (instances, ENIs, subnets, the stack, the state bucket), read anew on every request.
 */
package io.labbench.localaws.state;
