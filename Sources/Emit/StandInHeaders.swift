/// The stand-in headers each project ships in `include/` for C simulation with a plain C++17
/// compiler: `ap_int.h`, `hls_stream.h` (bounded, blocking streams) and `streamtune_csim.h`
/// (a thread per dataflow process and a deadlock watchdog). The vendor tools use their own
/// `ap_int.h` and `hls_stream.h` instead.
enum StandInHeaders {
  /// File name and contents of every stand-in header.
  static let files: [(name: String, contents: String)] = [
    ("ap_int.h", apInt), ("hls_stream.h", hlsStream), ("streamtune_csim.h", csim),
  ]

  static let apInt = #"""
    // Stand-in for the AMD Vitis HLS arbitrary-precision integer header, for C simulation with a
    // plain C++17 compiler. It is not the vendor header: it covers widths 1 to 64 and the
    // operations the emitted kernels use (arithmetic through conversion to long long, compound
    // assignment, comparison). Every assignment wraps the value to W bits, as ap_int does.
    #ifndef STREAMTUNE_STANDIN_AP_INT_H
    #define STREAMTUNE_STANDIN_AP_INT_H

    #include <cstdint>

    template <int W, bool Signed>
    class ap_int_base {
      static_assert(W >= 1 && W <= 64, "this stand-in supports widths from 1 to 64 bits");

     public:
      ap_int_base() : value_(0) {}
      ap_int_base(long long value) : value_(wrap(value)) {}
      template <int W2, bool S2>
      ap_int_base(const ap_int_base<W2, S2>& other) : value_(wrap(other.to_int64())) {}

      operator long long() const { return value_; }
      long long to_int64() const { return value_; }
      int to_int() const { return static_cast<int>(value_); }

      ap_int_base& operator=(long long value) {
        value_ = wrap(value);
        return *this;
      }
      ap_int_base& operator+=(long long value) { return *this = value_ + value; }
      ap_int_base& operator-=(long long value) { return *this = value_ - value; }
      ap_int_base& operator*=(long long value) { return *this = value_ * value; }
      ap_int_base& operator++() { return *this = value_ + 1; }
      ap_int_base& operator--() { return *this = value_ - 1; }

      static long long wrap(long long value) {
        if (W == 64) return value;
        const unsigned long long mask = (1ULL << (W % 64)) - 1ULL;
        unsigned long long bits = static_cast<unsigned long long>(value) & mask;
        if (Signed && ((bits >> (W - 1)) & 1ULL)) bits |= ~mask;
        return static_cast<long long>(bits);
      }

     private:
      long long value_;
    };

    /// A signed integer of W bits (two's complement).
    template <int W>
    class ap_int : public ap_int_base<W, true> {
     public:
      using ap_int_base<W, true>::ap_int_base;
      ap_int() = default;
    };

    /// An unsigned integer of W bits.
    template <int W>
    class ap_uint : public ap_int_base<W, false> {
     public:
      using ap_int_base<W, false>::ap_int_base;
      ap_uint() = default;
    };

    #endif
    """#

  static let hlsStream = #"""
    // Stand-in for the AMD Vitis HLS stream header, for C simulation with a plain C++17 compiler.
    // Unlike the vendor's C simulation, whose streams are unbounded, a stream here holds at most
    // its depth (the template argument, or STREAMTUNE_FIFO_OVERRIDE), and read and write block, so
    // a FIFO that is too shallow deadlocks as it would in hardware. Each dataflow process must run
    // on its own thread (see streamtune_csim.h).
    #ifndef STREAMTUNE_STANDIN_HLS_STREAM_H
    #define STREAMTUNE_STANDIN_HLS_STREAM_H

    #define STREAMTUNE_STANDIN_HLS_STREAM 1

    #include <condition_variable>
    #include <cstdio>
    #include <deque>
    #include <mutex>
    #include <string>

    #include "streamtune_csim.h"

    namespace hls {

    template <typename T, int DEPTH = 0>
    class stream;

    /// A bounded FIFO of T with blocking read and write; this form has the default depth of 2.
    /// Functions take `stream<T>&`, to which every `stream<T, DEPTH>` converts.
    template <typename T>
    class stream<T, 0> : public streamtune::csim::StreamInfo {
     public:
      stream() : stream("stream") {}
      explicit stream(const char* name) : stream(name, 2) {}
      stream(const stream&) = delete;
      stream& operator=(const stream&) = delete;

      ~stream() override {
        streamtune::csim::Monitor::instance().remove_stream(this);
        if (!items_.empty()) {
          std::fprintf(stderr, "error: stream %s destroyed with %zu unread tokens\n", name_.c_str(),
                       items_.size());
          streamtune::csim::Monitor::instance().leftover_tokens.fetch_add(
              static_cast<long long>(items_.size()));
        }
      }

      void write(const T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.size() >= depth_) {
          streamtune::csim::BlockedScope blocked(name_.c_str(), true);
          not_full_.wait(lock, [this] { return items_.size() < depth_; });
        }
        items_.push_back(value);
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_empty_.notify_all();
      }

      T read() {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.empty()) {
          streamtune::csim::BlockedScope blocked(name_.c_str(), false);
          not_empty_.wait(lock, [this] { return !items_.empty(); });
        }
        T value = items_.front();
        items_.pop_front();
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_full_.notify_all();
        return value;
      }

      void read(T& value) { value = read(); }
      void operator>>(T& value) { value = read(); }
      void operator<<(const T& value) { write(value); }

      bool read_nb(T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.empty()) return false;
        value = items_.front();
        items_.pop_front();
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_full_.notify_all();
        return true;
      }

      bool write_nb(const T& value) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (items_.size() >= depth_) return false;
        items_.push_back(value);
        streamtune::csim::Monitor::instance().tokens_moved.fetch_add(1);
        not_empty_.notify_all();
        return true;
      }

      bool empty() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.empty();
      }

      bool full() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.size() >= depth_;
      }

      std::size_t size() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return items_.size();
      }

      const char* stream_name() const override { return name_.c_str(); }
      std::size_t occupancy() const override { return size(); }
      std::size_t capacity() const override { return depth_; }

     protected:
      stream(const char* name, int depth)
          : name_(name), depth_(streamtune::csim::depth_for(name, depth)) {
        streamtune::csim::Monitor::instance().add_stream(this);
      }

     private:
      std::string name_;
      std::size_t depth_;
      mutable std::mutex mutex_;
      std::condition_variable not_empty_;
      std::condition_variable not_full_;
      std::deque<T> items_;
    };

    /// A stream whose depth (in tokens) is fixed by the type, like `#pragma HLS stream depth=`.
    template <typename T, int DEPTH>
    class stream : public stream<T, 0> {
     public:
      stream() : stream<T, 0>("stream", DEPTH) {}
      explicit stream(const char* name) : stream<T, 0>(name, DEPTH) {}
    };

    }  // namespace hls

    #endif
    """#

  static let csim = #"""
    // Runtime of the C simulation with a plain C++17 compiler: every dataflow process runs on its
    // own thread, streams block when full or empty, and a watchdog ends a simulation that stopped
    // moving tokens with exit code 2 and a report of every process and stream. It is a stand-in
    // for the vendor C simulation, not part of the synthesised design.
    #ifndef STREAMTUNE_CSIM_H
    #define STREAMTUNE_CSIM_H

    #include <atomic>
    #include <chrono>
    #include <cstdio>
    #include <cstdlib>
    #include <cstring>
    #include <functional>
    #include <mutex>
    #include <string>
    #include <thread>
    #include <vector>

    namespace streamtune {
    namespace csim {

    /// Something the watchdog can describe in a deadlock report.
    class StreamInfo {
     public:
      virtual ~StreamInfo() = default;
      virtual const char* stream_name() const = 0;
      virtual std::size_t occupancy() const = 0;
      virtual std::size_t capacity() const = 0;
    };

    /// What one process thread is doing, for the deadlock report.
    struct ProcessState {
      std::string name;
      std::atomic<const char*> waiting_on{nullptr};
      std::atomic<bool> waiting_to_write{false};
      std::atomic<bool> finished{false};
    };

    /// Shared state of the simulation: token progress, processes and streams.
    class Monitor {
     public:
      static Monitor& instance() {
        static Monitor monitor;
        return monitor;
      }

      std::atomic<unsigned long long> tokens_moved{0};
      std::atomic<int> live_processes{0};
      std::atomic<int> blocked_processes{0};
      std::atomic<long long> leftover_tokens{0};

      void add_stream(StreamInfo* stream) {
        std::lock_guard<std::mutex> lock(mutex_);
        streams_.push_back(stream);
      }

      void remove_stream(StreamInfo* stream) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (std::size_t i = 0; i < streams_.size(); ++i) {
          if (streams_[i] == stream) {
            streams_.erase(streams_.begin() + static_cast<long>(i));
            break;
          }
        }
      }

      void add_process(ProcessState* process) {
        std::lock_guard<std::mutex> lock(mutex_);
        processes_.push_back(process);
      }

      void remove_process(ProcessState* process) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (std::size_t i = 0; i < processes_.size(); ++i) {
          if (processes_[i] == process) {
            processes_.erase(processes_.begin() + static_cast<long>(i));
            break;
          }
        }
      }

      /// Starts the watchdog thread once; later calls do nothing.
      void start_watchdog() {
        std::call_once(watchdog_once_, [this] {
          std::thread(&Monitor::watch, this).detach();
        });
      }

      /// Seconds without a token moved after which the simulation counts as deadlocked, from
      /// STREAMTUNE_DEADLOCK_TIMEOUT_S (default 10).
      static double timeout_seconds() {
        const char* text = std::getenv("STREAMTUNE_DEADLOCK_TIMEOUT_S");
        if (text == nullptr) return 10.0;
        double value = std::atof(text);
        return value > 0 ? value : 10.0;
      }

     private:
      Monitor() = default;

      void watch() {
        using clock = std::chrono::steady_clock;
        const double timeout = timeout_seconds();
        unsigned long long last_tokens = tokens_moved.load();
        auto last_change = clock::now();
        auto all_blocked_since = clock::time_point::max();
        for (;;) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          const auto now = clock::now();
          const unsigned long long moved = tokens_moved.load();
          const int live = live_processes.load();
          if (moved != last_tokens || live == 0) {
            last_tokens = moved;
            last_change = now;
            all_blocked_since = clock::time_point::max();
            continue;
          }
          if (blocked_processes.load() >= live) {
            if (all_blocked_since == clock::time_point::max()) all_blocked_since = now;
          } else {
            all_blocked_since = clock::time_point::max();
          }
          const double idle = std::chrono::duration<double>(now - last_change).count();
          const bool all_blocked =
              all_blocked_since != clock::time_point::max() &&
              std::chrono::duration<double>(now - all_blocked_since).count() >= 0.2;
          if (all_blocked || idle >= timeout) report_deadlock(all_blocked, idle);
        }
      }

      [[noreturn]] void report_deadlock(bool all_blocked, double idle) {
        std::lock_guard<std::mutex> lock(mutex_);
        std::fprintf(stderr, "DEADLOCK: no token moved for %.1f s (%s)\n", idle,
                     all_blocked ? "every running process is blocked on a stream"
                                 : "watchdog timeout; set STREAMTUNE_DEADLOCK_TIMEOUT_S to change it");
        for (ProcessState* process : processes_) {
          if (process->finished.load()) continue;
          const char* stream = process->waiting_on.load();
          if (stream != nullptr) {
            std::fprintf(stderr, "  process %s is blocked %s stream %s\n", process->name.c_str(),
                         process->waiting_to_write.load() ? "writing to the full" : "reading from the empty",
                         stream);
          } else {
            std::fprintf(stderr, "  process %s is running\n", process->name.c_str());
          }
        }
        for (StreamInfo* stream : streams_) {
          std::fprintf(stderr, "  stream %s holds %zu of %zu tokens\n", stream->stream_name(),
                       stream->occupancy(), stream->capacity());
        }
        std::fflush(stderr);
        std::_Exit(2);
      }

      std::mutex mutex_;
      std::vector<StreamInfo*> streams_;
      std::vector<ProcessState*> processes_;
      std::once_flag watchdog_once_;
    };

    /// The process state of the calling thread, or nullptr outside a dataflow process.
    inline ProcessState*& current_process() {
      thread_local ProcessState* process = nullptr;
      return process;
    }

    /// Marks the calling process blocked on a stream for the lifetime of the object.
    class BlockedScope {
     public:
      BlockedScope(const char* stream, bool writing) : process_(current_process()) {
        if (process_ != nullptr) {
          process_->waiting_to_write.store(writing);
          process_->waiting_on.store(stream);
        }
        Monitor::instance().blocked_processes.fetch_add(1);
      }
      ~BlockedScope() {
        Monitor::instance().blocked_processes.fetch_sub(1);
        if (process_ != nullptr) process_->waiting_on.store(nullptr);
      }

     private:
      ProcessState* process_;
    };

    /// The FIFO depth for a stream: the emitted depth, unless STREAMTUNE_FIFO_OVERRIDE lists the
    /// stream as NAME=DEPTH (comma-separated entries; a debugging aid).
    inline std::size_t depth_for(const char* name, int emitted) {
      std::size_t depth = emitted > 0 ? static_cast<std::size_t>(emitted) : 2;
      const char* text = std::getenv("STREAMTUNE_FIFO_OVERRIDE");
      if (text == nullptr) return depth;
      std::string entries(text);
      std::size_t start = 0;
      while (start <= entries.size()) {
        std::size_t end = entries.find(',', start);
        if (end == std::string::npos) end = entries.size();
        std::string entry = entries.substr(start, end - start);
        std::size_t equals = entry.rfind('=');
        if (equals != std::string::npos && entry.substr(0, equals) == name) {
          long value = std::atol(entry.c_str() + equals + 1);
          if (value > 0) depth = static_cast<std::size_t>(value);
        }
        start = end + 1;
      }
      return depth;
    }

    /// The processes of one dataflow region, each on its own thread; joins them on destruction.
    class Region {
     public:
      explicit Region(const char* name) : name_(name) { Monitor::instance().start_watchdog(); }
      Region(const Region&) = delete;
      Region& operator=(const Region&) = delete;
      ~Region() { join(); }

      void spawn(const char* name, std::function<void()> body) {
        auto* state = new ProcessState();
        state->name = std::string(name_) + "/" + name;
        Monitor::instance().add_process(state);
        Monitor::instance().live_processes.fetch_add(1);
        states_.push_back(state);
        threads_.emplace_back([state, body] {
          current_process() = state;
          body();
          state->finished.store(true);
          Monitor::instance().live_processes.fetch_sub(1);
        });
      }

      void join() {
        for (std::thread& thread : threads_) {
          if (thread.joinable()) thread.join();
        }
        for (ProcessState* state : states_) {
          Monitor::instance().remove_process(state);
          delete state;
        }
        threads_.clear();
        states_.clear();
      }

     private:
      const char* name_;
      std::vector<std::thread> threads_;
      std::vector<ProcessState*> states_;
    };

    }  // namespace csim
    }  // namespace streamtune

    #endif
    """#
}
