import StreamTune
import Testing

@Suite("Rejection of malformed model configs")
struct BadModelConfigTests {
  /// Returns the problems that importing a config reports, or an empty list when it imports.
  private func problems(_ path: String) -> [InputProblem] {
    do {
      _ = try ModelImporter.load(path: path)
      return []
    } catch {
      return error.problems
    }
  }

  private func problems(json text: String) throws -> [InputProblem] {
    let root = try JSONParser.parse(text)
    do {
      _ = try ModelImporter.parse(root, file: "inline.json", name: "inline")
      return []
    } catch {
      return error.problems
    }
  }

  @Test(
    "bad config names its field",
    arguments: [
      ("heads-zero.json", "num_attention_heads"),
      ("hidden-not-divisible.json", "hidden_size"),
      ("kv-heads-not-dividing.json", "num_key_value_heads"),
      ("negative-layers.json", "num_hidden_layers"),
      ("string-number.json", "hidden_size"),
      ("missing-hidden-size.json", "hidden_size"),
      ("mixture-of-experts.json", "num_local_experts"),
      ("float-layers.json", "num_hidden_layers"),
      ("intermediate-zero.json", "intermediate_size"),
      ("huge-vocab.json", "vocab_size"),
      ("encoder-decoder.json", "model_type"),
      ("alibi-bloom.json", "model_type"),
      ("array-root.json", "(root)"),
      ("empty.json", "(file)"),
      ("truncated.json", "(file)"),
      ("nan-literal.json", "(file)"),
    ])
  func namesField(fileName: String, field: String) {
    let found = problems(ModelFixtures.badModel(fileName))
    #expect(!found.isEmpty)
    #expect(found.contains { $0.path == field }, "\(found)")
    #expect(found.allSatisfy { $0.description.contains($0.path) })
  }

  @Test(
    "message states the fault",
    arguments: [
      ("hidden-not-divisible.json", "2050 is not divisible by num_attention_heads 32"),
      ("kv-heads-not-dividing.json", "5 does not divide num_attention_heads 32"),
      ("float-layers.json", "22.5 is not an integer"),
      ("negative-layers.json", "positive integer"),
      ("string-number.json", "is a string"),
      ("missing-hidden-size.json", "required field missing"),
      ("huge-vocab.json", "1 to 10,000,000"),
      ("mixture-of-experts.json", "mixture-of-experts"),
      ("encoder-decoder.json", "t5 is an encoder-decoder"),
      ("alibi-bloom.json", "bloom uses ALiBi"),
      ("array-root.json", "must be a JSON object"),
      ("empty.json", "empty"),
      ("truncated.json", "invalid JSON"),
    ])
  func statesFault(fileName: String, phrase: String) {
    let messages = problems(ModelFixtures.badModel(fileName)).map(\.message)
    #expect(messages.contains { $0.contains(phrase) }, "\(messages)")
  }

  @Test("NaN reported with its line")
  func nanLine() {
    let found = problems(ModelFixtures.badModel("nan-literal.json"))
    #expect(found.count == 1)
    #expect(found.first?.line == 18)
    #expect(found.first?.column != nil)
  }

  @Test("truncated file reports where it stopped")
  func truncatedPosition() {
    let found = problems(ModelFixtures.badModel("truncated.json"))
    #expect(found.first?.line != nil)
    #expect(found.first?.message.contains("line") == true)
  }

  @Test("several problems reported at once")
  func severalProblems() throws {
    let found = try problems(
      json: """
        {"model_type": "llama", "hidden_size": "2048", "num_hidden_layers": 22.5,
         "num_attention_heads": 0, "intermediate_size": -1, "vocab_size": 0,
         "hidden_act": "sigmoid", "tie_word_embeddings": "yes"}
        """)
    let paths = Set(found.map(\.path))
    #expect(
      paths == [
        "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
        "vocab_size", "hidden_act", "tie_word_embeddings",
      ])
    #expect(found.allSatisfy { $0.line != nil })
  }

  @Test("unknown family suggests the closest")
  func unknownFamily() throws {
    let found = try problems(json: #"{"model_type": "lama", "hidden_size": 64}"#)
    #expect(found.count == 1)
    #expect(found.first?.path == "model_type")
    #expect(found.first?.message.contains("did you mean \"llama\"") == true)
    #expect(found.first?.message.contains("gemma3_text") == true)
  }

  @Test("multimodal Gemma 3 points to text config")
  func multimodalGemma3() throws {
    let found = try problems(json: #"{"model_type": "gemma3", "text_config": {}}"#)
    #expect(found.map(\.path) == ["model_type"])
    #expect(found.first?.message.contains("gemma3_text") == true)
  }

  @Test("missing model_type lists the families")
  func missingFamily() throws {
    let found = try problems(json: #"{"hidden_size": 64}"#)
    #expect(found.map(\.path) == ["model_type"])
    #expect(found.first?.message.contains("gpt_neox") == true)
  }

  @Test("experts on a supported family still rejected")
  func expertsOnLlama() throws {
    let found = try problems(
      json: """
        {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100, "num_experts": 4}
        """)
    #expect(found.map(\.path) == ["num_experts"])
  }

  @Test("Falcon with ALiBi names alibi")
  func falconAlibi() throws {
    let found = try problems(json: #"{"model_type": "falcon", "alibi": true}"#)
    #expect(found.map(\.path) == ["alibi"])
    #expect(found.first?.message.contains("ALiBi") == true)
  }

  @Test("MPT uses ALiBi by default")
  func mptAlibi() throws {
    let found = try problems(json: #"{"model_type": "mpt", "d_model": 64}"#)
    #expect(found.map(\.path) == ["model_type"])
    #expect(found.first?.message.contains("ALiBi") == true)
  }

  @Test("encoder-decoder flag on a decoder family")
  func encoderDecoderFlag() throws {
    let found = try problems(
      json: """
        {"model_type": "llama", "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100,
         "is_encoder_decoder": true}
        """)
    #expect(found.map(\.path) == ["is_encoder_decoder"])
  }

  @Test("rotary fraction above one rejected")
  func rotaryRange() throws {
    let found = try problems(
      json: """
        {"model_type": "phi", "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100,
         "partial_rotary_factor": 1.5}
        """)
    #expect(found.map(\.path) == ["partial_rotary_factor"])
  }

  @Test("integral float accepted as integer")
  func integralFloat() throws {
    let found = try problems(
      json: """
        {"model_type": "llama", "hidden_size": 64.0, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100}
        """)
    #expect(found.isEmpty)
  }
}
