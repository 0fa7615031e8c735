-- Hand-written (issue #9, decision 0028): the experts that were until now only users with the
-- 'expert' role in an expert_pool organisation become rows of the experts table, so that an
-- upgraded deployment keeps drawing panels. Specialties stored as Chinese labels become ids; the
-- 身份证号, employer and end of term are unknown (null: "待补录" in the pool page), the term starts
-- on the account's creation day. A fresh database has no such users: the demo seed writes its own.
INSERT INTO "experts" ("pool_org_id", "user_id", "name", "specialties", "term_from", "status", "created_at", "updated_at")
SELECT u."org_id", u."id", u."display_name",
       ARRAY(SELECT CASE s WHEN '医疗保障' THEN 'medical_insurance' WHEN '医药卫生' THEN 'medicine_health'
                           WHEN '信息技术' THEN 'information_technology' WHEN '法律' THEN 'law'
                           WHEN '财务' THEN 'finance' WHEN '养老护理' THEN 'elderly_care' ELSE s END
             FROM unnest(u."specialties") AS s),
       (u."created_at" AT TIME ZONE 'Asia/Shanghai')::date,
       CASE WHEN u."active" THEN 'active' ELSE 'suspended' END,
       u."created_at", u."created_at"
FROM "users" u JOIN "organizations" o ON o."id" = u."org_id"
WHERE 'expert' = ANY(u."roles") AND o."kind" = 'expert_pool'
  AND NOT EXISTS (SELECT 1 FROM "experts" e WHERE e."user_id" = u."id");
