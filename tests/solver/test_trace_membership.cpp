// SPDX-License-Identifier: GPL-2.0
// Is a recorded trace a behaviour of the model: step-wise recordings (every
// observation one step) and projected ones (observable actions and events in
// order, everything else unseen), the first unexplained observation with
// the states before it, and the search's limits.

#include <gtest/gtest.h>

#include "solver/trace_membership.h"
#include "tests/support/solver_support.h"

namespace irqspec_test {
namespace {

using solver::Membership;
using solver::Observation;
using solver::RecordedTrace;

// A level line: the device raises it, the host's handler takes it (silent,
// internal) and emits `handled`; an EOI resamples.
const char* const kLine = R"(model line;
var line: bool = false;
var masked: bool = false;
var served: 0..3 = 0;
event handled(n: 0..3);
event resampled;
actor device {
  input action raise() when !line { line = true; }
  input action lower() when line { line = false; }
}
actor host {
  internal action handle() when line && !masked && served < 3 {
    masked = true;
    served = served + 1;
    emit handled(served);
  }
  input action eoi() when masked {
    masked = false;
    emit resampled;
  }
}
invariant fine: served <= 3;
)";

class Membership_ : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = load(kLine);
    ASSERT_TRUE(loaded_->model) << loaded_->diagnostics_text();
    sem_ = std::make_unique<solver::Semantics>(*loaded_->model);
  }
  const spec::Model& model() const { return *loaded_->model; }
  int action(const std::string& name) const {
    for (const spec::Action& a : model().actions) {
      if (a.qualified_name() == name) {
        return a.id;
      }
    }
    ADD_FAILURE() << name;
    return -1;
  }
  int event(const std::string& name) const {
    for (std::size_t e = 0; e < model().events.size(); ++e) {
      if (model().events[e].name == name) {
        return static_cast<int>(e);
      }
    }
    ADD_FAILURE() << name;
    return -1;
  }
  Observation step(const std::string& name) const {
    Observation o;
    o.action = action(name);
    o.where = name;
    return o;
  }
  Observation emitted(const std::string& name, std::vector<std::optional<spec::Value>> args = {}) {
    Observation o;
    o.event = event(name);
    o.args = std::move(args);
    o.where = name;
    return o;
  }
  RecordedTrace projected(std::vector<Observation> obs) const {
    RecordedTrace t;
    t.kind = RecordedTrace::Kind::Projected;
    t.observable_actions.assign(model().actions.size(), false);
    t.observable_events.assign(model().events.size(), false);
    for (const Observation& o : obs) {
      if (o.event) {
        t.observable_events[*o.event] = true;
      } else if (o.action) {
        t.observable_actions[*o.action] = true;
      }
    }
    t.observations = std::move(obs);
    return t;
  }
  Membership check(const RecordedTrace& t, const solver::MembershipLimits& l = {}) const {
    return solver::check_membership(*sem_, t, l);
  }

  std::unique_ptr<Loaded> loaded_;
  std::unique_ptr<solver::Semantics> sem_;
};

TEST_F(Membership_, AStepWiseRecordingIsExplainedByTheSameSteps) {
  RecordedTrace t;
  t.observations = {step("device.raise"), step("host.handle"), step("host.eoi")};
  t.observations[1].events = std::vector<solver::EventOccurrence>{{event("handled"), {1}}};
  Membership m = check(t);
  ASSERT_EQ(m.answer, Membership::Answer::Explained) << m.reason;
  EXPECT_EQ(m.explained, 3);
  ASSERT_TRUE(m.witness);
  EXPECT_EQ(m.witness->length(), 3);
  EXPECT_EQ(m.witness->steps[1].events.size(), 1u);
}

TEST_F(Membership_, AStepWiseRecordingNamesTheFirstStepNoBehaviourTakes) {
  RecordedTrace t;
  // eoi is not enabled before the handler has masked the line.
  t.observations = {step("device.raise"), step("host.eoi"), step("host.handle")};
  Membership m = check(t);
  ASSERT_EQ(m.answer, Membership::Answer::NotExplained);
  EXPECT_EQ(m.explained, 1);
  ASSERT_EQ(m.candidate_count, 1u);
  EXPECT_EQ(m.candidates[0][0], 1);  // line is up
  EXPECT_EQ(m.could_be_next, (std::vector<std::string>{"device.lower()", "host.handle()"}));
  ASSERT_TRUE(m.witness);
  EXPECT_EQ(m.witness->length(), 1);
}

TEST_F(Membership_, AStateTheRecordingGivesMustBeTheModels) {
  RecordedTrace t;
  Observation raise = step("device.raise");
  raise.state = {{0, 0}};  // line stays down: no step of raise does that
  t.observations = {raise};
  EXPECT_EQ(check(t).answer, Membership::Answer::NotExplained);
  t.observations[0].state = {{0, 1}};
  EXPECT_EQ(check(t).answer, Membership::Answer::Explained);
}

TEST_F(Membership_, UnseenStepsHappenBetweenProjectedObservations) {
  // Only events are seen: the raises and the handler happen unseen.
  Membership m =
      check(projected({emitted("handled", {1}), emitted("resampled"), emitted("handled", {2})}));
  ASSERT_EQ(m.answer, Membership::Answer::Explained) << m.reason;
  ASSERT_TRUE(m.witness);
  // raise, handle, eoi, handle: the line stays up after the EOI.
  EXPECT_EQ(m.witness->length(), 4);
}

TEST_F(Membership_, AProjectedRecordingMustShowEveryObservableOccurrence) {
  // resampled is observable: two handled in a row need an eoi in between,
  // whose resampled the recording would show.
  Membership m =
      check(projected({emitted("handled", {1}), emitted("handled", {2}), emitted("resampled")}));
  ASSERT_EQ(m.answer, Membership::Answer::NotExplained);
  EXPECT_EQ(m.explained, 1);
  EXPECT_EQ(m.could_be_next, (std::vector<std::string>{"resampled()"}));
}

TEST_F(Membership_, ObservedArgumentsMustMatch) {
  Membership m = check(projected({emitted("handled", {2})}));
  EXPECT_EQ(m.answer, Membership::Answer::NotExplained);
  EXPECT_EQ(m.explained, 0);
  EXPECT_EQ(m.could_be_next, (std::vector<std::string>{"handled(n=1)"}));
}

TEST_F(Membership_, ActionsAndTheirEventsAreObservedInStepOrder) {
  // host.eoi observed as an action, its resampled as an event: one step, two labels.
  Observation eoi = step("host.eoi");
  Membership m = check(projected({emitted("handled", {1}), eoi, emitted("resampled")}));
  EXPECT_EQ(m.answer, Membership::Answer::Explained) << m.reason;
  m = check(projected({emitted("handled", {1}), emitted("resampled"), eoi}));
  EXPECT_EQ(m.answer, Membership::Answer::NotExplained);
  EXPECT_EQ(m.explained, 1);
}

TEST_F(Membership_, NoInitialStateMatchingIsNotABehaviour) {
  RecordedTrace t;
  t.initial = {{2, 3}};  // served = 3 initially: the model starts at 0
  Membership m = check(t);
  EXPECT_EQ(m.answer, Membership::Answer::NotExplained);
  EXPECT_EQ(m.reason, "no initial state of the model matches the recording's");
}

TEST_F(Membership_, TheSearchsLimitIsUnknownNeverAnAnswer) {
  solver::MembershipLimits limits;
  limits.max_states = 2;
  Membership m = check(
      projected({emitted("handled", {1}), emitted("resampled"), emitted("handled", {2})}), limits);
  EXPECT_EQ(m.answer, Membership::Answer::Unknown);
  EXPECT_EQ(m.reason, "state limit of 2 states reached");
}

}  // namespace
}  // namespace irqspec_test
