// [SECTION] bodygen: the offline builder of the FormViz human figure.
//
// Index:
//   [SECTION] Anthropometry   de Leva (1996) segment table, presets, skeleton, landmarks
//   [SECTION] Shape           signed distance field of anatomical primitives
//   [SECTION] Mesh            surface extraction, smoothing, normals, checks
//   [SECTION] Skinning        weights and CPU linear blend skinning
//   [SECTION] Regions         per-vertex muscle region and weight
//   [SECTION] Build           everything above, in order
//
// Conventions: metres, +Y up, the figure faces +Z, its left is +X (glTF and VRM). The
// rest pose is an A-pose with every joint's rest rotation the identity, so a joint's
// rest transform is a translation. Everything here is deterministic: the same preset
// gives the same floats on every run (single-threaded, no clocks, no randomness).
// Offline only: never linked into the app.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <glm/glm.hpp>

#include "core/muscle_regions.h"

namespace formviz::body {

// [SECTION] Anthropometry

enum class Sex : std::uint8_t { Female, Male };

// Segment lengths of de Leva (1996), "Adjustments to Zatsiorsky-Seluyanov's segment
// inertia parameters", J. Biomech. 29(9):1223-1230, Table 1, in millimetres, for the
// reference stature in the same table. Landmark names follow the paper.
struct SegmentTable {
  float stature;      // reference stature
  float head;         // VERT (vertex) - CERV (C7)
  float trunk;        // CERV - MIDH (mid-point of the hip joint centres)
  float upperTrunk;   // CERV - XYPH (xiphion)
  float middleTrunk;  // XYPH - OMPH (omphalion)
  float lowerTrunk;   // OMPH - MIDH
  float upperArm;     // SJC - EJC (shoulder and elbow joint centres)
  float forearm;      // EJC - WJC (wrist joint centre)
  float hand;         // WJC - MET3 (third metacarpale)
  float thigh;        // HJC - KJC
  float shank;        // KJC - LMAL (lateral malleolus)
  float foot;         // HEEL - TTIP (tip of the longest toe)
};
const SegmentTable& deLevaTable(Sex sex);

// A figure to build. `muscle` and `fat` scale girths around 1 (average build).
struct Preset {
  std::string name;         // file stem in models/, [a-z0-9_]
  std::string description;  // one line for docs and --list
  Sex sex = Sex::Male;
  float height = 1.75f;  // stature in metres, in [1.2, 2.2]
  float muscle = 1.0f;   // muscle bulk factor, in [0.7, 1.4]
  float fat = 1.0f;      // subcutaneous fat factor, in [0.6, 1.6]
};
const std::vector<Preset>& presets();
// nullptr when no preset has that name.
const Preset* findPreset(std::string_view name);

// Joints in depth-first order: a parent always comes before its children.
struct Joint {
  std::string name;    // VRM humanoid bone name
  int parent = -1;     // index into Skeleton::joints, -1 for the root (hips)
  glm::vec3 position;  // rest position in model space, metres
};
struct Skeleton {
  std::vector<Joint> joints;
  // Index of the joint with that name, or -1.
  int find(std::string_view name) const;
  int size() const { return static_cast<int>(joints.size()); }
};

// Anthropometric landmarks in model space, used to place joints and checked by tests.
struct Landmarks {
  glm::vec3 vertex, cerv, xyph, omph, midh;
  glm::vec3 heelLeft, toeTipLeft;  // on the ground
  float ankleHeight = 0.0f;        // ankle joint centre above the floor
};

struct Rig {
  Skeleton skeleton;
  Landmarks landmarks;
};
Rig buildRig(const Preset& preset);

// The joint names, in order, of every figure bodygen builds.
const std::vector<std::string>& jointNames();

// [SECTION] Shape

// One anatomical primitive: a round cone (capsule with two radii) or an ellipsoid.
struct Primitive {
  enum class Kind : std::uint8_t { RoundCone, Ellipsoid };
  Kind kind = Kind::RoundCone;
  glm::vec3 a{0.0f}, b{0.0f};  // round cone: end centres
  float ra = 0.0f, rb = 0.0f;  // round cone: end radii
  glm::vec3 center{0.0f};      // ellipsoid centre
  glm::mat3 axes{1.0f};        // ellipsoid: columns are its unit axes
  glm::vec3 radii{0.0f};       // ellipsoid semi-axes along those columns
  float blend = 0.0f;          // smooth-union radius with the group so far (0 = hard union)
  bool subtract = false;       // carve it out of the group (smooth subtraction)
  int bone = 0;                // joint whose bone owns the surface this primitive makes
  int group = 0;               // 0 trunk and head, 1 left arm, 2 right arm, 3 left leg, 4 right leg
  glm::vec3 boundCenter{0.0f};  // a sphere holding the primitive (set by buildShape), for culling
  float boundRadius = 0.0f;
};

struct Shape {
  std::vector<Primitive> primitives;
  float limbBlend = 0.0f;  // smooth-union radius between the trunk and each limb group
  // Signed distance (approximate, negative inside) at p.
  float distance(const glm::vec3& p) const;
  // Joint owning the surface at p: the bone of the nearest non-subtracting primitive.
  int owner(const glm::vec3& p) const;
  // Axis-aligned bounds of the figure, padded.
  void bounds(glm::vec3& lo, glm::vec3& hi) const;
};
Shape buildShape(const Preset& preset, const Rig& rig);

// [SECTION] Mesh

struct Mesh {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;             // unit length
  std::vector<std::uint32_t> indices;         // triangles, counter-clockwise seen from outside
  std::vector<std::array<std::uint8_t, 4>> joints;  // up to 4 influences, unused slots 0
  std::vector<glm::vec4> weights;             // sum exactly 1, unused slots 0, descending
  std::vector<glm::vec2> regions;             // (region id, weight): see muscle_regions.h
  int triangleCount() const { return static_cast<int>(indices.size() / 3); }
  int vertexCount() const { return static_cast<int>(positions.size()); }
};

struct MeshOptions {
  float cellSize = 0.011f;   // grid spacing in metres
  int smoothIterations = 6;  // relaxation passes, each followed by re-projection
  int targetTriangles = 0;   // decimate down to this many triangles (0 = keep all)
  float maxEdge = 0.03f;     // decimation never makes an edge longer than this, metres
  std::vector<int> fineBones;  // bones whose surface keeps finer detail (face, hands, feet)
  float fineMaxEdge = 0.012f;  // longest edge decimation makes on those bones, metres
};
// Naive surface nets over the field, vertices projected back on the surface, then
// relaxation, optional decimation and area-weighted normals. The result is closed and manifold when
// no feature of the field is thinner than about two cells.
Mesh extractSurface(const Shape& shape, const MeshOptions& options);
void computeNormals(Mesh& mesh);
// Quadric-error edge collapse down to targetTriangles, keeping the mesh closed and
// manifold and its vertices on the shape's surface. Positions and indices only.
// No edge grows beyond maxEdge, or fineMaxEdge on the surface of a bone in fineBones.
void decimate(Mesh& mesh, const Shape& shape, int targetTriangles, float maxEdge, const std::vector<int>& fineBones = {},
              float fineMaxEdge = 0.0f);

// Enclosed volume (divergence theorem); meaningful for closed meshes.
double enclosedVolume(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices);
double surfaceArea(const std::vector<glm::vec3>& positions, const std::vector<std::uint32_t>& indices);
// Number of undirected edges not shared by exactly two triangles.
int countOpenOrNonManifoldEdges(const std::vector<std::uint32_t>& indices);
// Triangles with an area under minArea (square metres).
int countDegenerateTriangles(const Mesh& mesh, float minArea);

// [SECTION] Skinning

void computeSkinWeights(const Shape& shape, const Rig& rig, Mesh& mesh);

// A pose: a local rotation for each joint (identity = rest).
struct Pose {
  std::vector<glm::mat3> rotations;   // one per joint, in the joint's rest frame
  glm::vec3 rootOffset{0.0f};         // added to the root's translation
};
Pose restPose(const Skeleton& skeleton);
// Rotates joint `name` by `degrees` about the model-space `axis` (rest frame = model axes).
void rotateJoint(Pose& pose, const Skeleton& skeleton, std::string_view name, glm::vec3 axis, float degrees);
// Model-space joint matrices for the pose.
std::vector<glm::mat4> globalTransforms(const Skeleton& skeleton, const Pose& pose);
// Deformed positions (and normals when `normalsOut` is not null) by linear blend skinning.
std::vector<glm::vec3> skinPositions(const Mesh& mesh, const Skeleton& skeleton, const Pose& pose,
                                     std::vector<glm::vec3>* normalsOut = nullptr);
// The poses used by tests and renders.
Pose deepSquatPose(const Skeleton& skeleton);
Pose deepFlexionPose(const Skeleton& skeleton);  // knee 130, elbow 140, hip 110 (left side)

// [SECTION] Regions

void assignRegions(const Shape& shape, const Rig& rig, Mesh& mesh);

// [SECTION] Build

struct Body {
  Preset preset;
  Rig rig;
  Mesh mesh;
};
Body buildBody(const Preset& preset);

}  // namespace formviz::body
