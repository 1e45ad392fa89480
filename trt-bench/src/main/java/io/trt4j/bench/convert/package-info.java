/** JMH benchmarks of trt-convert: conversion time and heap of a full-size graph. Run on the CPU. */
package io.trt4j.bench.convert;
