import Testing

@testable import StreamTune

@Suite struct ItensorTests {
  typealias Loop = Itensor.IterationLoop

  /// Row-major 16 × 16 tiles of a 64 × 64 int8 tensor: rows outer, columns inner.
  let rowTiles = Itensor(
    dataShape: [64, 64], elementShape: [16, 16],
    loops: [
      Loop(loop: "i", tripCount: 4, dimension: 0, step: 16),
      Loop(loop: "j", tripCount: 4, dimension: 1, step: 16),
    ], elementBits: 8)

  @Test func converterSharingOuterRowLoop() {
    let consumer = Itensor(
      dataShape: [64, 64], elementShape: [16, 32],
      loops: [
        Loop(loop: "i", tripCount: 4, dimension: 0, step: 16),
        Loop(loop: "j", tripCount: 2, dimension: 1, step: 32),
      ], elementBits: 8)

    let converter = LayoutConverter(producer: rowTiles, consumer: consumer)

    #expect(!converter.isIdentity)
    #expect(converter.slabShape == [16, 64])
    #expect(converter.reuseCount == 4)
    #expect(converter.bufferBits == 2 * 16 * 64 * 8)
    #expect(converter.fillTokens == 4)
  }

  @Test func converterStopsSharingAfterFirstMismatch() {
    // Columns outer on the consumer side: nothing is shared, the whole tensor is buffered,
    // even though the inner loops would line up with each other.
    let consumer = Itensor(
      dataShape: [64, 64], elementShape: [16, 16],
      loops: [
        Loop(loop: "j", tripCount: 4, dimension: 1, step: 16),
        Loop(loop: "i", tripCount: 4, dimension: 0, step: 16),
      ], elementBits: 8)

    let converter = LayoutConverter(producer: rowTiles, consumer: consumer)

    #expect(converter.slabShape == [64, 64])
    #expect(converter.reuseCount == 1)
    #expect(converter.bufferBits == 2 * 64 * 64 * 8)
  }

  @Test func compatibleStreamsNeedNoConverter() {
    let converter = LayoutConverter(producer: rowTiles, consumer: rowTiles)

    #expect(converter.isIdentity)
    #expect(converter.bufferBits == 0)
    #expect(converter.delayCycles(producerSpacing: 3) == 0)
  }

  @Test func repeatedInputIsBufferedPerRowTile() {
    // A GEMM in order m, n, k re-reads its 16-row activation tile for every n tile, so the
    // producer's row-tile stream must be buffered as 16 rows × all of k.
    let producerKernel = CostModelFixtures.elementwise(
      "norm", m: 64, n: 64, inputs: ["x"], output: "a")
    let consumerKernel = CostModelFixtures.gemm(
      "proj", m: 64, n: 128, k: 64, input: "a", output: "b")
    let tiles = ["m": 16, "n": 16, "k": 16]
    let producerNest = LoopNest(kernel: producerKernel, design: KernelDesign(tile: tiles))
    let consumerNest = LoopNest(kernel: consumerKernel, design: KernelDesign(tile: tiles))

    let produced = Itensor(operand: producerKernel.output, nest: producerNest, isOutput: true)
    let consumed = Itensor(operand: consumerKernel.inputs[0], nest: consumerNest, isOutput: false)
    let converter = LayoutConverter(producer: produced, consumer: consumed)

    #expect(produced.tokenCount == 16)
    #expect(consumed.tokenCount == 4 * 8 * 4)
    #expect(!produced.isStreamCompatible(with: consumed))
    #expect(converter.slabShape == [16, 64])
    #expect(converter.reuseCount == 4)
  }

  @Test func outputItensorSkipsReductionLoops() {
    let kernel = CostModelFixtures.gemm("proj", m: 32, n: 64, k: 128, input: "x", output: "y")
    let nest = LoopNest(
      kernel: kernel, design: KernelDesign(tile: ["m": 8, "n": 16, "k": 32]))

    let output = Itensor(operand: kernel.output, nest: nest, isOutput: true)

    #expect(output.elementShape == [8, 16])
    #expect(output.loops.map(\.loop) == ["m", "n"])
    #expect(output.tokenCount == 4 * 4)
    #expect(output.tokenBits == 8 * 16 * 8)
  }
}
