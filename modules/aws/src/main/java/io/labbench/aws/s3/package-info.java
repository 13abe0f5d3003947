/**
 * The kOps state store: S3's bucket-name rules checked before anything is sent, and listing or
 * creating the learner's state bucket (the study's first AWS step).
 */
package io.labbench.aws.s3;
