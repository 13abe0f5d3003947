/** placeholder */ package io.labbench.kube;
