/** placeholder */ package io.labbench.watch;
