import StreamTune

/// The fixed-point conventions of the emitted datapath (see `QuantHeader` for the formulas).
struct Numerics: Sendable, Hashable {
  var weightBits: Int
  var activationBits: Int
  /// Fractional bits of an activation: a value q stands for q / 2^activationFraction.
  var activationFraction: Int { activationBits - 3 }
  /// Fractional bits of a norm scale (gamma).
  var gammaFraction: Int { 6 }
  var hiddenSize: Int
  var intermediateSize: Int
  var heads: Int
  var keyValueHeads: Int
  var headDimension: Int
  var rotaryDimension: Int
  var norm: NormKind
  var activation: ActivationFunction
  /// RoPE base frequency; model configs read by the importer do not carry it, so 10000 (the
  /// value of GPT-NeoX and Llama 2) is used.
  var ropeTheta: Double { 10_000 }

  init(space: SearchSpace) {
    let config = space.model
    weightBits = space.precision.weightBits
    activationBits = space.precision.activationBits
    hiddenSize = config.hiddenSize
    intermediateSize = config.intermediateSize
    heads = config.attentionHeads
    keyValueHeads = config.keyValueHeads
    headDimension = config.headDimension
    rotaryDimension = config.rotaryDimension
    norm = config.norm
    activation = config.activation
  }

  /// Right shift that brings a GEMM's int32 accumulator back to the activation scale:
  /// weights stand for w / (2^(weightBits - 1) × 2^ceil(log2(K) / 2)), so the product of a
  /// K-long dot product keeps the activations' magnitude.
  func gemmShift(reduction: Int) -> Int {
    var halfLog = 0
    while (1 << (2 * halfLog)) < reduction { halfLog += 1 }
    return weightBits - 1 + halfLog
  }
}
