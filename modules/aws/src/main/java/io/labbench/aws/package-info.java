/** placeholder */ package io.labbench.aws;
