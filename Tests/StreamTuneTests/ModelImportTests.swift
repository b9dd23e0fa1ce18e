import StreamTune
import Testing

@Suite("Model import of each family's fields")
struct ModelImportTests {
  private func load(_ fileName: String) throws -> TransformerConfig {
    try ModelImporter.load(path: ModelFixtures.model(fileName))
  }

  @Test("GPT-2 null n_inner gives 4 x n_embd")
  func gpt2FeedForward() throws {
    let config = try load("gpt2-medium.json")
    #expect(config.family == .gpt2)
    #expect(config.name == "gpt2-medium")
    #expect(config.hiddenSize == 1024)
    #expect(config.intermediateSize == 4096)
    #expect(config.layers == 24)
    #expect(config.attentionHeads == 16)
    #expect(config.headDimension == 64)
    #expect(config.learnedPositions == 1024)
    #expect(config.rotaryFraction == 0)
    #expect(config.activation == .geluTanh)
    #expect(config.norm == .layerNorm)
    #expect(config.tiedEmbeddings)
    #expect(config.fusedQKV)
    #expect(!config.gatedFeedForward)
  }

  @Test("OPT positions offset by two")
  func optPositions() throws {
    let config = try load("opt-125m.json")
    #expect(config.family == .opt)
    #expect(config.intermediateSize == 3072)
    #expect(config.learnedPositions == 2050)
    #expect(config.activation == .relu)
    #expect(config.wordEmbeddingDimension == 768)
    #expect(config.qkvBias)
    #expect(config.attentionOutputBias)
    #expect(config.mlpBias)
    #expect(config.finalNorm)
  }

  @Test("Pythia partial rotary and parallel residual")
  func neoxFields() throws {
    let config = try load("pythia-160m.json")
    #expect(config.family == .gptNeoX)
    #expect(config.rotaryFraction == 0.25)
    #expect(config.rotaryDimension == 16)
    #expect(config.parallelResidual)
    #expect(config.normsPerLayer == 2)
    #expect(!config.tiedEmbeddings)
    #expect(config.activation == .gelu)
  }

  @Test("phi-2 partial rotary 0.4 and one norm")
  func phiFields() throws {
    let config = try load("phi-2.json")
    #expect(config.family == .phi)
    #expect(config.rotaryFraction == 0.4)
    #expect(config.headDimension == 80)
    #expect(config.rotaryDimension == 32)
    #expect(config.parallelResidual)
    #expect(config.normsPerLayer == 1)
    #expect(config.lmHeadBias)
    #expect(!config.fusedQKV)
  }

  @Test("Llama 3.2 grouped-query heads and tied head")
  func llamaFields() throws {
    let config = try load("Llama-3.2-1B.json")
    #expect(config.family == .llama)
    #expect(config.keyValueHeads == 8)
    #expect(config.queriesPerKeyValueHead == 4)
    #expect(config.headDimension == 64)
    #expect(config.tiedEmbeddings)
    #expect(config.gatedFeedForward)
    #expect(config.activation == .silu)
    #expect(config.norm == .rmsNorm)
    #expect(config.rotaryFraction == 1)
    #expect(!config.qkvBias)
    #expect(config.attentionKinds == [.full])
  }

  @Test("Mistral slides on every layer")
  func mistralWindow() throws {
    let config = try load("Mistral-7B-v0.1.json")
    #expect(config.slidingWindow == 4096)
    #expect(config.layerCount(of: .slidingWindow) == 32)
    #expect(config.layerCount(of: .full) == 0)
  }

  @Test("Qwen2 Q, K and V biases only")
  func qwen2Biases() throws {
    let config = try load("Qwen2.5-0.5B.json")
    #expect(config.family == .qwen2)
    #expect(config.qkvBias)
    #expect(!config.attentionOutputBias)
    #expect(!config.mlpBias)
    #expect(config.keyValueHeads == 2)
    // use_sliding_window is false, so sliding_window 32768 does not apply.
    #expect(config.slidingWindow == nil)
    #expect(config.layerCount(of: .full) == 24)
  }

  @Test("Gemma 3 head_dim, norms and sliding window")
  func gemma3Fields() throws {
    let config = try load("gemma-3-1b-it.json")
    #expect(config.family == .gemma3Text)
    #expect(config.headDimension == 256)
    #expect(config.hiddenSize / config.attentionHeads != config.headDimension)
    #expect(config.keyValueHeads == 1)
    #expect(config.normsPerLayer == 4)
    #expect(config.qkNorm)
    #expect(config.activation == .geluTanh)
    #expect(config.slidingWindow == 512)
    #expect(config.slidingWindowPattern == 6)
    #expect(config.attentionKind(ofLayer: 0) == .slidingWindow)
    #expect(config.attentionKind(ofLayer: 5) == .full)
    #expect(config.attentionKind(ofLayer: 11) == .full)
    // 26 layers: layers 6, 12, 18 and 24 (1-based) are global.
    #expect(config.layerCount(of: .full) == 4)
    #expect(config.layerCount(of: .slidingWindow) == 22)
    #expect(config.attentionKinds == [.slidingWindow, .full])
  }

  @Test("config.json takes _name_or_path as name")
  func nameFromConfig() throws {
    let text = """
      {"_name_or_path": "facebook/opt-125m", "model_type": "opt", "hidden_size": 64,
       "num_hidden_layers": 2, "num_attention_heads": 4, "ffn_dim": 256, "vocab_size": 100}
      """
    let root = try JSONParser.parse(text)
    let config = try ModelImporter.parse(root, file: "config.json", name: "tiny")
    #expect(config.name == "tiny")
    #expect(config.learnedPositions == 2050)
    #expect(config.headDimension == 16)
  }

  @Test("Gemma 2 alternates sliding and full layers")
  func gemma2Alternates() throws {
    let text = """
      {"model_type": "gemma2", "hidden_size": 256, "num_hidden_layers": 4,
       "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 128,
       "intermediate_size": 512, "vocab_size": 1000, "sliding_window": 64}
      """
    let config = try ModelImporter.parse(try JSONParser.parse(text), file: "g2", name: "g2")
    #expect(config.normsPerLayer == 4)
    #expect(!config.qkNorm)
    #expect(config.attentionKind(ofLayer: 0) == .slidingWindow)
    #expect(config.attentionKind(ofLayer: 1) == .full)
    #expect(config.layerCount(of: .slidingWindow) == 2)
  }
}
