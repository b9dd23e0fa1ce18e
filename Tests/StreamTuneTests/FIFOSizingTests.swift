import Testing

@testable import StreamTune

@Suite struct FIFOSizingTests {
  @Test func fastProducerPeaksAtThree() {
    // Producer: II 1, first token at cycle 3, five tokens, so its last token leaves at 3 + 4.
    let producer = StreamTiming(latency: 7, initialDelay: 3, ii: 1, tokens: 5)

    let depth = FIFOSizing.depth(producer: producer, consumerII: 2, delay: 3)

    #expect(depth == 3)
  }

  @Test func slowProducerHoldsTokensBeforeConsumerStarts() {
    let producer = StreamTiming(latency: 40, initialDelay: 4, ii: 4, tokens: 10)

    #expect(FIFOSizing.depth(producer: producer, consumerII: 1, delay: 4) == 2)
    #expect(FIFOSizing.depth(producer: producer, consumerII: 1, delay: 20) == 4)
    #expect(FIFOSizing.depth(producer: producer, consumerII: 1, delay: 400) == 10)
  }

  @Test func bypassDelayCoversBothStages() throws {
    let (d0, d1) = (5.0, 7.0)
    let problem = StartTimeProblem(
      nodeCount: 3,
      arcs: [
        .init(from: 0, to: 1, minimumDelay: d0, weight: 8),
        .init(from: 1, to: 2, minimumDelay: d1, weight: 8),
        .init(from: 0, to: 2, minimumDelay: d0, weight: 8),
      ])

    #expect(!problem.isForest)
    let times = try problem.solve()

    #expect(times[2] - times[0] >= d0 + d1 - 1e-9)
    #expect(times[1] - times[0] >= d0 - 1e-9)
  }

  @Test func forestArcsAreTight() throws {
    let problem = StartTimeProblem(
      nodeCount: 4,
      arcs: [
        .init(from: 0, to: 1, minimumDelay: 3, weight: 1),
        .init(from: 0, to: 2, minimumDelay: 5, weight: 2),
        .init(from: 3, to: 2, minimumDelay: 1, weight: 1),
      ])

    #expect(problem.isForest)
    let times = try problem.solve()

    #expect(times[1] - times[0] == 3)
    #expect(times[2] - times[0] == 5)
    #expect(times[2] - times[3] == 1)
    #expect(times.min() == 0)
  }

  @Test func programMatchesEarliestTimesOnChainWithBypass() throws {
    let problem = StartTimeProblem(
      nodeCount: 3,
      arcs: [
        .init(from: 0, to: 1, minimumDelay: 2, weight: 1),
        .init(from: 1, to: 2, minimumDelay: 9, weight: 1),
        .init(from: 0, to: 2, minimumDelay: 2, weight: 4),
      ])

    let solved = try problem.solve()
    let earliest = problem.earliestStartTimes()

    #expect(solved == earliest)
  }

  @Test func conservativeSlowingScalesTogether() {
    let fast = StreamTiming(latency: 100, initialDelay: 10, ii: 2, tokens: 50)

    let slowed = fast.slowed(to: 300)

    #expect(slowed.latency == 300)
    #expect(slowed.ii == 6)
    #expect(slowed.initialDelay == 30)
    #expect(fast.slowed(to: 50) == fast)
  }
}
