-- The SQLite schema the migrations make (schema 0006), written by `make schema`
-- (backbridge.store.migrating.sqlite_schema); do not edit: add a migration instead.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE users (
	id CHAR(32) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	created_at DATETIME NOT NULL, 
	notice_seen_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE TABLE training_sessions (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	program VARCHAR(60) NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	started_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	"plan" JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_training_sessions_user_started ON training_sessions (user_id, started_at);
CREATE TABLE checkins (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	session_id CHAR(32), 
	kind VARCHAR(20) NOT NULL, 
	pain INTEGER NOT NULL, 
	note TEXT, 
	recorded_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_checkins_pain CHECK (pain >= 0 AND pain <= 10), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(session_id) REFERENCES training_sessions (id) ON DELETE SET NULL
);
CREATE INDEX ix_checkins_user_recorded ON checkins (user_id, recorded_at);
CREATE TABLE screenings (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	answers JSON NOT NULL, 
	outcome VARCHAR(20) NOT NULL, 
	acknowledged_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_screenings_user_recorded ON screenings (user_id, recorded_at);
CREATE TABLE clearances (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	note TEXT, cleared_by VARCHAR(80), 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_clearances_user_recorded ON clearances (user_id, recorded_at);
CREATE TABLE nutrition_profiles (
	user_id CHAR(32) NOT NULL, 
	weight_kg FLOAT NOT NULL, 
	height_cm FLOAT NOT NULL, 
	age_years INTEGER NOT NULL, 
	sex VARCHAR(10) NOT NULL, 
	activity VARCHAR(20) NOT NULL, 
	kidney_disease BOOLEAN NOT NULL, 
	pregnant BOOLEAN NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (user_id), 
	CONSTRAINT ck_nutrition_profiles_weight CHECK (weight_kg > 0), 
	CONSTRAINT ck_nutrition_profiles_height CHECK (height_cm > 0), 
	CONSTRAINT ck_nutrition_profiles_age CHECK (age_years >= 18), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE food_entries (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	food VARCHAR(60) NOT NULL, 
	food_name VARCHAR(120) NOT NULL, 
	grams FLOAT NOT NULL, 
	portion VARCHAR(60), 
	meal VARCHAR(10) NOT NULL, 
	eaten_at DATETIME NOT NULL, 
	energy_kcal FLOAT NOT NULL, 
	protein_g FLOAT NOT NULL, 
	carbohydrate_g FLOAT NOT NULL, 
	fat_g FLOAT NOT NULL, 
	fibre_g FLOAT NOT NULL, 
	caffeine_mg FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_food_entries_grams CHECK (grams > 0), 
	CONSTRAINT ck_food_entries_nutrients CHECK (energy_kcal >= 0 AND protein_g >= 0 AND carbohydrate_g >= 0 AND fat_g >= 0 AND fibre_g >= 0 AND caffeine_mg >= 0), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_food_entries_user_eaten ON food_entries (user_id, eaten_at);
CREATE TABLE supplement_entries (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	supplement VARCHAR(60) NOT NULL, 
	amount FLOAT NOT NULL, 
	unit VARCHAR(5) NOT NULL, 
	taken_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_supplement_entries_amount CHECK (amount > 0), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_supplement_entries_user_taken ON supplement_entries (user_id, taken_at);
CREATE TABLE custom_foods (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	slug VARCHAR(60) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	energy_kcal FLOAT NOT NULL, 
	protein_g FLOAT NOT NULL, 
	carbohydrate_g FLOAT NOT NULL, 
	fat_g FLOAT NOT NULL, 
	fibre_g FLOAT NOT NULL, 
	caffeine_mg FLOAT NOT NULL, 
	portions JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_custom_foods_user_slug UNIQUE (user_id, slug), 
	CONSTRAINT ck_custom_foods_nutrients CHECK (energy_kcal >= 0 AND protein_g >= 0 AND carbohydrate_g >= 0 AND fat_g >= 0 AND fibre_g >= 0 AND caffeine_mg >= 0), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE TABLE camera_results (
	set_id CHAR(32) NOT NULL, 
	reps_counted INTEGER NOT NULL, 
	PRIMARY KEY (set_id), 
	CONSTRAINT ck_camera_results_reps CHECK (reps_counted >= 0), 
	FOREIGN KEY(set_id) REFERENCES set_logs (id) ON DELETE CASCADE
);
CREATE TABLE camera_faults (
	id CHAR(32) NOT NULL, 
	set_id CHAR(32) NOT NULL, 
	position INTEGER NOT NULL, 
	cue VARCHAR(60) NOT NULL, 
	rep INTEGER, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_camera_faults_rep CHECK (rep IS NULL OR rep >= 1), 
	FOREIGN KEY(set_id) REFERENCES camera_results (set_id) ON DELETE CASCADE
);
CREATE INDEX ix_camera_faults_set ON camera_faults (set_id);
CREATE TABLE "set_logs" (
	id CHAR(32) NOT NULL, 
	session_id CHAR(32) NOT NULL, 
	exercise VARCHAR(60) NOT NULL, 
	block VARCHAR(20) NOT NULL, 
	set_number INTEGER NOT NULL, 
	side VARCHAR(5), 
	reps INTEGER, 
	seconds INTEGER, 
	band VARCHAR(30), 
	rpe FLOAT, 
	reps_in_reserve INTEGER, 
	pain INTEGER, 
	note TEXT, 
	status VARCHAR(10) NOT NULL, 
	source VARCHAR(10) NOT NULL, 
	performed_at DATETIME NOT NULL, 
	step_key VARCHAR(120) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_set_logs_pain CHECK (pain IS NULL OR (pain >= 0 AND pain <= 10)), 
	CONSTRAINT ck_set_logs_rpe CHECK (rpe IS NULL OR (rpe >= 1 AND rpe <= 10)), 
	CONSTRAINT ck_set_logs_reps CHECK (reps IS NULL OR reps >= 0), 
	CONSTRAINT ck_set_logs_seconds CHECK (seconds IS NULL OR seconds >= 0), 
	CONSTRAINT uq_set_logs_step UNIQUE (session_id, step_key), 
	FOREIGN KEY(session_id) REFERENCES training_sessions (id) ON DELETE CASCADE
);
CREATE INDEX ix_set_logs_session ON set_logs (session_id, performed_at);
CREATE TABLE pain_acknowledgements (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	note TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_pain_acknowledgements_user_recorded ON pain_acknowledgements (user_id, recorded_at);
CREATE TABLE function_scores (
	id CHAR(32) NOT NULL, 
	user_id CHAR(32) NOT NULL, 
	recorded_at DATETIME NOT NULL, 
	activities JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_function_scores_user_recorded ON function_scores (user_id, recorded_at);
INSERT INTO alembic_version (version_num) VALUES ('0006');
