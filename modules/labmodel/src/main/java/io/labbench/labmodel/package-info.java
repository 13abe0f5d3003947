/** placeholder */ package io.labbench.labmodel;
