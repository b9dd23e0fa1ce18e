import Testing

@testable import StreamTune

@Suite struct CostModelKernelTests {
  let platform = CostModelFixtures.platform()
  var constants: HardwareConstants { HardwareConstants(platform: platform, precision: .w4a8) }
  let gemm = CostModelFixtures.gemm("proj", m: 4, n: 8, k: 16, input: "x", output: "y")
  /// Tiles 4 × 4 × 4, unroll n by 4 and k by 2 (8 lanes), reduction outermost.
  let design = KernelDesign(
    tile: ["m": 4, "n": 4, "k": 4], unroll: ["n": 4, "k": 2], loopOrder: .reductionOuter)

  func estimate(binding: MemoryBinding = MemoryBinding(), bytes: Double = 64) -> KernelEstimate {
    KernelModel.estimate(
      kernel: gemm, nest: LoopNest(kernel: gemm, design: design), constants: constants,
      binding: binding, externalBytes: bytes, channels: 1)
  }

  @Test func smallGEMMTiming() {
    let result = estimate()

    // 512 MACs on 8 lanes at II 1, plus a 6-cycle pipeline: 70 compute cycles. The 64 weight
    // bytes take 64 / 46 cycles. L adds the 10-cycle invocation overhead.
    #expect(result.lanes == 8)
    #expect(result.innerII == 1)
    #expect(result.computeCycles == 70)
    #expect(abs(result.memoryCycles - 64.0 / 46.0) < 1e-9)
    #expect(result.latency == 80)
    // Reduction outermost over 4 k tiles with 2 n tiles inside: 7/8 of the 64 cycles of work,
    // plus pipeline and overhead.
    #expect(result.initialDelay == 72)
    #expect(result.tokens == 2)
    #expect(result.ii == 40)
  }

  @Test func smallGEMMResources() {
    let result = estimate()

    // Two 4-bit weight MACs per DSP.
    #expect(result.dsp == 4)
    // Every bank is at most 64 words deep, so all go to LUTRAM at 64 bits per LUT: 8 weight
    // banks of 16 bits (one LUT each), 4 accumulator banks of 256 bits (four each) and the
    // 512-bit × 64 burst buffer (512), which in BRAM would take 15 blocks of 36 × 512.
    #expect(result.memory.bram18k == 0)
    #expect(result.memory.uram == 0)
    #expect(result.memory.lutramLUTs == 8 + 16 + 512)
    #expect(result.lut == 1_000 + 8 * 100 + 536)
    #expect(result.ff == 1_500 + 8 * 150)
  }

  @Test func shallowBanksStayInLUTRAM() {
    let binding = MemoryBinding(lutramMaxBits: 0, uramMinBits: 1 << 30)
    let result = estimate(binding: binding)

    // No bank is deeper than 64 words, so even a zero LUTRAM threshold keeps them in LUTRAM.
    #expect(result.memory.bram18k == 0)
    #expect(result.memory.lutramLUTs == 8 + 16 + 512)

    // A bank of 1,024 words of 36 bits is deep enough for BRAM: 2 blocks of 18 × 1,024.
    let deep = OnChipBuffer(purpose: .weightTile, widthBits: 36, depth: 1_024)
    #expect(binding.blocks(for: deep, platform: platform).bram18k == 2)
  }

  @Test func memoryBoundKernelFollowsDMA() {
    let result = estimate(bytes: 46_000)

    #expect(result.memoryCycles == 1_000)
    #expect(result.latency == 1_010)
  }

  @Test(arguments: [LoopOrder.reductionInner, .reductionOuter])
  func floatAccumulatorII(order: LoopOrder) {
    let precision = Precision(
      weightBits: 16, activationBits: 16, accumulator: .fp32, floatingPoint: true)
    let constants = HardwareConstants(platform: platform, precision: precision)
    let nest = LoopNest(kernel: gemm, design: KernelDesign(loopOrder: order))

    let result = KernelModel.estimate(
      kernel: gemm, nest: nest, constants: constants, binding: MemoryBinding(),
      externalBytes: 0, channels: 0)

    // Reduction innermost: each add waits for the previous one (latency 4). Outermost: 32
    // other outputs interleave between two updates of one accumulator.
    #expect(result.innerII == (order == .reductionInner ? 4 : 1))
  }

  @Test func reductionInnerHasSmallerDelay() {
    let tiles = ["m": 4, "n": 4, "k": 4]
    func delay(_ order: LoopOrder) -> Double {
      KernelModel.estimate(
        kernel: gemm, nest: LoopNest(kernel: gemm, design: KernelDesign(tile: tiles, loopOrder: order)),
        constants: constants, binding: MemoryBinding(), externalBytes: 0, channels: 0
      ).initialDelay
    }

    #expect(delay(.reductionInner) < delay(.reductionOuter))
  }

  @Test func moreLanesLowerComputeCycles() {
    let big = CostModelFixtures.gemm("proj", m: 32, n: 256, k: 256, input: "x", output: "y")
    var previous = Double.infinity
    for unroll in [1, 2, 4, 8, 16, 32] {
      let nest = LoopNest(kernel: big, design: KernelDesign(unroll: ["n": unroll, "k": 2]))
      let cycles = KernelModel.estimate(
        kernel: big, nest: nest, constants: constants, binding: MemoryBinding(),
        externalBytes: 0, channels: 0
      ).computeCycles

      #expect(cycles < previous, "unroll \(unroll)")
      previous = cycles
    }
  }

  @Test func loopOrderPermutationKeepsOmittedLoops() {
    let nest = LoopNest(kernel: gemm, design: KernelDesign(loopOrder: .permutation(["k", "x"])))

    #expect(nest.levels.map(\.name) == ["k", "m", "n"])
  }
}
