package newsroom.platform.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Every failure a client can cause is problem+json naming the field and the reason; the unexpected one is a bare 500. */
class ProblemDetailsAdviceTests {

    record Draft(@NotBlank String title, @Size(max = 3) String slug, int count) {
    }

    @RestController
    static class Endpoints {

        @GetMapping("/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw switch (kind) {
                case "unprocessable" -> ProblemException.unprocessable("categoryId", "Category 42 does not exist");
                case "not-found" -> ProblemException.notFound("Article", "7");
                case "duplicate" -> new DuplicateKeyException("E11000 duplicate key error index: slug_1 secret");
                case "stale" -> new OptimisticLockingFailureException("version 3 != 4");
                default -> new IllegalStateException("connection string mongodb://user:secret@db");
            };
        }

        @PostMapping("/drafts")
        String create(@Valid @RequestBody Draft draft) {
            return "ok";
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .setValidator(validator())
            .addFilter(new RequestSizeLimitFilter(1024, 1024))
            .build();

    private static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }

    @Test
    void aProblemExceptionKeepsItsStatusAndNamesItsField() throws Exception {
        mvc.perform(get("/fail/unprocessable"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.detail").value("Category 42 does not exist"))
                .andExpect(jsonPath("$.errors[0].field").value("categoryId"))
                .andExpect(jsonPath("$.errors[0].reason").value("Category 42 does not exist"));
        mvc.perform(get("/fail/not-found"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Article 7 does not exist"))
                .andExpect(jsonPath("$.errors").doesNotExist());
    }

    @Test
    void aDuplicateKeyOrAConcurrentChangeIsA409WithoutTheStoresMessage() throws Exception {
        mvc.perform(get("/fail/duplicate"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("secret"))));
        mvc.perform(get("/fail/stale"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("changed by someone else")));
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothingOfIt() throws Exception {
        mvc.perform(get("/fail/other"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred; it has been logged"));
    }

    @Test
    void invalidFieldsAreListedByNameInOrderWithTheirReasons() throws Exception {
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\" \",\"slug\":\"too-long\",\"count\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("slug"))
                .andExpect(jsonPath("$.errors[1].field").value("title"))
                .andExpect(jsonPath("$.detail").value(containsString("slug: ")));
    }

    @Test
    void malformedJsonIs400AndAWronglyTypedFieldIsNamed() throws Exception {
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON).content("{\"title\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"t\",\"count\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("wrong type")));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        mvc.perform(post("/drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"" + "x".repeat(2000) + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.detail").value("The request body is larger than 1024 bytes"));
    }
}
