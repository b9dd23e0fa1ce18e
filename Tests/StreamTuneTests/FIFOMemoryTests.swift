import Testing

@testable import StreamTune

/// FIFO depths of slice and converter edges, stream words and how FIFO memory binds.
@Suite struct FIFOMemoryTests {
  let platform = CostModelFixtures.platform()

  @Test func sliceTimingKeepsLatency() {
    // A fused QKV output of 1,536 tokens over 1,536 cycles: the q slice gets 512 of them, one
    // every 3 cycles, with the same first-token delay.
    let whole = StreamTiming(latency: 1_536, initialDelay: 10, ii: 1, tokens: 1_536)
    let slice = whole.sliced(1.0 / 3.0)

    #expect(slice.tokens == 512)
    #expect(slice.ii == 3)
    #expect(slice.latency == 1_536)
    #expect(slice.initialDelay == 10)
    #expect(whole.sliced(1) == whole)
  }

  @Test func converterHoldsPartOfBacklog() {
    // Producer: 100 tokens, one per cycle from cycle 0. Consumer: one every 4 cycles from cycle
    // 20, so it has taken floor(80 / 4) = 20 when the producer ends and 80 are in flight.
    let producer = StreamTiming(latency: 100, initialDelay: 0, ii: 1, tokens: 100)
    let alone = FIFOSizing.depth(producer: producer, consumerII: 4, delay: 20)
    #expect(alone == 80)

    // A converter with 10-token slabs stores 20 of them in its two halves.
    let inConverter = FIFOSizing.converterTokens(fillTokens: 10, share: 1)
    #expect(inConverter == 20)
    let depth = FIFOSizing.depth(
      producer: producer, consumerII: 4, delay: 20, heldByConverter: inConverter)
    #expect(depth == 60)

    // Never below the minimum depth.
    #expect(
      FIFOSizing.depth(producer: producer, consumerII: 4, delay: 20, heldByConverter: 500)
        == FIFOSizing.minimumDepth)
  }

  @Test func converterTokensOfSlice() {
    // 48 producer tokens per slab, a third of them in the q slice: 16 per half, 32 in all.
    #expect(FIFOSizing.converterTokens(fillTokens: 48, share: 1.0 / 3.0) == 32)
    #expect(FIFOSizing.converterTokens(fillTokens: 0, share: 1) == 0)
  }

  @Test(arguments: [
    (16_384, 6_144.0, 512),  // 32 beats fit easily between tokens
    (16_384, 8.0, 2_048),  // 8 cycles per token: 8 beats of 2,048 bits
    (16_384, 0.5, 16_384),  // faster than one token per cycle: the whole token at once
    (256, 1.0, 256),  // narrower than a beat: moves whole
    (16_384, Double.infinity, 16_384),  // no rate known: the whole token
  ])
  func streamWordWidth(tokenBits: Int, cycles: Double, expected: Int) {
    #expect(FIFOSizing.wordBits(tokenBits: tokenBits, cyclesPerToken: cycles) == expected)
  }

  /// Makes a plan for one fused edge of 16,384-bit tokens, one every 6,144 cycles.
  private func plan(depth: Int, converterBits: Int) -> (FIFOPlan, FusionPartition) {
    var plan = FIFOPlan(
      depth: [depth], tokenBits: [16_384], converterBits: [converterBits],
      memory: [MemoryBlocks()], solverNotes: [])
    plan.noteRate(edge: 0, cyclesPerToken: 6_144)
    let partition = FusionPartition(
      plan: .all, names: ["a", "b"], edges: [Edge(producer: 0, consumer: 1, tensor: "t")],
      kernelBits: [], edgeBits: [])
    return (plan, partition)
  }

  @Test func deepFIFOBindsInBeatWords() {
    // 365 tokens × 32 beats = 11,680 words of 512 bits: 8 URAMs across (72 bits each) and 3
    // down (4,096 words each), 24 URAMs. Bound as 16,384-bit words it took 228 across.
    var (fifo, partition) = plan(depth: 365, converterBits: 0)
    fifo.bindMemory(partition: partition, binding: MemoryBinding(), platform: platform)

    #expect(fifo.wordBits == [512])
    #expect(fifo.memory[0].uram == 24)
    #expect(fifo.memory[0].bits == 365 * 16_384)
  }

  @Test func converterBindsInBeatWords() {
    // A 32-row × 2,048 int8 slab, twice: 1,048,576 bits in 2,048 words of 512 bits, one URAM
    // deep and 8 across. The minimum FIFO (2 tokens, 64 words) is shallow and goes to LUTRAM:
    // 32,768 bits at 64 bits per LUT.
    var (fifo, partition) = plan(depth: 2, converterBits: 1_048_576)
    fifo.bindMemory(partition: partition, binding: MemoryBinding(), platform: platform)

    #expect(fifo.memory[0].uram == 8)
    #expect(fifo.memory[0].lutramLUTs == 512)
    #expect(fifo.memory[0].bram18k == 0)
  }
}
