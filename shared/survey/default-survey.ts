/** The default Thai survey (EIT indicators 6/7/8, satisfaction, profile), as data: default-2569.json. */
import raw from './default-2569.json' with { type: 'json' };
import { surveyDefinitionSchema, type SurveyDefinition } from './definition';

export const DEFAULT_SURVEY: SurveyDefinition = surveyDefinitionSchema.parse(raw);
