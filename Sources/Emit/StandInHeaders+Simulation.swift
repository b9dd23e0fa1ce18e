extension StandInHeaders {
  /// `streamtune_csim.h`: a thread per dataflow process and the deadlock watchdog.
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
